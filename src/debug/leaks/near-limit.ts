// Evidence before a crash ([debug] near_limit_dir): when V8 nears the heap limit, pugo writes a
// pprof heap profile there and goes on. A server that dies of a leak at 3 a.m. leaves what is
// needed to find it: `go tool pprof -top <file>` names the functions holding the heap.
//
// @datadog/pprof's out-of-memory hook, not v8.setHeapSnapshotNearHeapLimit: Node's hook writes
// only a heap snapshot, into the working folder or --diagnostic-dir (a command-line flag, not
// a setting). The pprof hook raises the limit by one young generation ('auto'), captures the
// sampler's profile (979 bytes for the test's leak at a 64 MB limit: its size is that of the
// allocation sites, not of the heap) and calls back once the process can go on. A heap snapshot
// was tried there too and is not taken: at a 64 MB limit the process died of it, 45 MB into
// the file, where without it it went on; a snapshot needs memory a heap at its limit does not
// have. /debug/pprof/heapsnapshot takes one while there is room.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode, heap } from '@datadog/pprof';
import type { Logger } from '../../log.js';

/** The file name, sortable by time: pugo-<pid>-<20261203T031500Z>.heap.pb.gz. */
function stamp(): string {
  return new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Arms the hook (the heap sampler must be running); it fires once per process. */
export function watchNearLimit(dir: string, log: Logger): void {
  mkdirSync(dir, { recursive: true });
  heap.monitorOutOfMemory(
    'auto',
    1,
    false,
    undefined,
    (profile) => {
      const file = join(dir, `pugo-${process.pid}-${stamp()}.heap.pb.gz`);
      encode(profile)
        .then((bytes) => {
          writeFileSync(file, bytes);
          log.warn(
            `pugo: the heap is near its limit; its profile is in ${file} (go tool pprof -top ${file})`,
          );
        })
        .catch((err) => log.error('pugo: writing the near-limit heap profile failed', err));
    },
    heap.CallbackMode.Async,
  );
}
