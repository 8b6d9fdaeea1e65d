// Heap snapshots one at a time, and none on a heap above the configured size.

import type { Readable } from 'node:stream';
import { getHeapSnapshot, getHeapStatistics } from 'node:v8';

/** Why a snapshot was not taken. */
export type SnapshotRefusal =
  | { reason: 'busy' }
  | { reason: 'heap-too-large'; heapBytes: number; limitBytes: number };

/**
 * A snapshot blocks the event loop while V8 walks the heap (28 s for 220 MB of small objects
 * here) and peaked at 2.2 GB RSS (DESIGN section 6): two at once would double that, and on a
 * big heap even one can take the process down.
 */
export class SnapshotGuard {
  private taking = false;

  constructor(
    private readonly maxHeapBytes: number,
    private readonly heapBytes: () => number = () => getHeapStatistics().used_heap_size,
  ) {}

  get busy(): boolean {
    return this.taking;
  }

  /** The heap above the limit, checked again before each snapshot of a leak report. */
  tooLarge(): SnapshotRefusal | null {
    const heapBytes = this.heapBytes();
    if (heapBytes > this.maxHeapBytes)
      return { reason: 'heap-too-large', heapBytes, limitBytes: this.maxHeapBytes };
    return null;
  }

  /**
   * Holds the guard for several snapshots (a leak report), or says why not; the call returned
   * lets it go.
   */
  hold(): (() => void) | SnapshotRefusal {
    if (this.taking) return { reason: 'busy' };
    const refusal = this.tooLarge();
    if (refusal) return refusal;
    this.taking = true;
    return () => {
      this.taking = false;
    };
  }

  /**
   * A snapshot as a stream, or why not. The guard stays held until the stream closes (read to
   * the end, or destroyed when the client goes away), since until then its text is in memory.
   */
  take(): Readable | SnapshotRefusal {
    const release = this.hold();
    if (typeof release !== 'function') return release;
    try {
      const stream = getHeapSnapshot();
      stream.once('close', release);
      return stream;
    } catch (err) {
      release();
      throw err;
    }
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** What the client reads: the reason, and what to ask for instead. */
export function refusalMessage(refusal: SnapshotRefusal): string {
  if (refusal.reason === 'busy') {
    return 'a heap snapshot is already being taken; one at a time, since each blocks the process and can need several times the heap';
  }
  return `heap snapshot refused: the V8 heap is ${mib(refusal.heapBytes)}, above [debug] snapshot_max_heap (${mib(refusal.limitBytes)}); a snapshot would block the process for seconds and can need several times the heap. Use /debug/pprof/heap (a sampling heap profile, no pause) or /debug/pprof/heapprofile instead`;
}
