// Allocation sites of a heap profile: in-use memory per function with its callers and callees
// (pprof's top and peek), and which functions grew between two profiles (the watchdog's diff).

import type { Profile } from '../pprof/heap-sampler.js';
import { type Frame, framesOf } from '../pprof/profile-frames.js';

interface Stack {
  frames: Frame[];
  objects: number;
  bytes: number;
}

/** A function next to a site on the stacks through it, with the bytes those stacks hold. */
export interface Neighbour {
  name: string;
  file: string;
  bytes: number;
}

export interface Site {
  name: string;
  file: string;
  /** The line of this function that holds the most (V8 gives no function start line here). */
  line: number;
  /** Held by objects this function allocated itself (pprof's flat), and under it (cum). */
  bytes: number;
  objects: number;
  cumBytes: number;
  callers: Neighbour[];
  callees: Neighbour[];
}

/** One function's flat figures: what `top` shows, and what the watchdog diffs. */
export interface FunctionTotal {
  name: string;
  file: string;
  line: number;
  bytes: number;
  objects: number;
}

function valueIndex(profile: Profile, type: string, fallback: number): number {
  const s = profile.stringTable.strings;
  const i = profile.sampleType.findIndex((t) => s[Number(t.type)] === type);
  return i < 0 ? fallback : i;
}

/** Every sample as a stack of frames, innermost first (pprof's order). */
function stacksOf(profile: Profile): Stack[] {
  const locs = framesOf(profile);
  const [objects, bytes] = [
    valueIndex(profile, 'inuse_objects', 0),
    valueIndex(profile, 'inuse_space', 1),
  ];
  return profile.sample.map((sample) => ({
    frames: sample.locationId.flatMap((id) => locs.get(Number(id)) ?? []),
    objects: Number(sample.value[objects] ?? 0),
    bytes: Number(sample.value[bytes] ?? 0),
  }));
}

/** Flat bytes and objects per function, with the line that holds the most of them. */
function totalsOf(stacks: Stack[]): Map<string, FunctionTotal> {
  const totals = new Map<string, FunctionTotal>();
  const lines = new Map<string, Map<number, number>>();
  for (const { frames, objects, bytes } of stacks) {
    const leaf = frames[0];
    if (!leaf) continue;
    const t = totals.get(leaf.key) ?? {
      name: leaf.name,
      file: leaf.file,
      line: 0,
      bytes: 0,
      objects: 0,
    };
    t.bytes += bytes;
    t.objects += objects;
    totals.set(leaf.key, t);
    const byLine = lines.get(leaf.key) ?? new Map<number, number>();
    byLine.set(leaf.line, (byLine.get(leaf.line) ?? 0) + bytes);
    lines.set(leaf.key, byLine);
  }
  for (const [key, t] of totals) {
    const byLine = [...(lines.get(key) ?? [])].sort((a, b) => b[1] - a[1]);
    t.line = byLine[0]?.[0] ?? 0;
  }
  return totals;
}

/** Adds a stack's bytes to a neighbour once per stack, so recursion does not count twice. */
function addOnce(
  to: Map<string, Neighbour>,
  seen: Set<string>,
  frame: Frame | undefined,
  bytes: number,
): void {
  if (!frame || seen.has(frame.key)) return;
  seen.add(frame.key);
  const n = to.get(frame.key) ?? { name: frame.name, file: frame.file, bytes: 0 };
  n.bytes += bytes;
  to.set(frame.key, n);
}

function sorted(map: Map<string, Neighbour>, limit: number): Neighbour[] {
  return [...map.values()].sort((a, b) => b.bytes - a.bytes).slice(0, limit);
}

/** Cumulative bytes, callers and callees of one function; a recursive stack counts once. */
function peek(stacks: Stack[], key: string, limit: number) {
  const callers = new Map<string, Neighbour>();
  const callees = new Map<string, Neighbour>();
  let cumBytes = 0;
  for (const { frames, bytes } of stacks) {
    const [up, down] = [new Set<string>(), new Set<string>()];
    let through = false;
    frames.forEach((frame, i) => {
      if (frame.key !== key) return;
      through = true;
      addOnce(callers, up, frames[i + 1], bytes);
      addOnce(callees, down, frames[i - 1], bytes);
    });
    if (through) cumBytes += bytes;
  }
  return { cumBytes, callers: sorted(callers, limit), callees: sorted(callees, limit) };
}

/** The `limit` functions holding the most memory themselves, each with a peek view. */
export function topSites(profile: Profile, limit = 15, neighbours = 8): Site[] {
  const stacks = stacksOf(profile);
  const top = [...totalsOf(stacks)]
    .filter(([, t]) => t.bytes > 0)
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, limit);
  return top.map(([key, t]) => ({ ...t, ...peek(stacks, key, neighbours) }));
}

/** In-use bytes of the whole profile. */
export function totalBytes(profile: Profile): number {
  return stacksOf(profile).reduce((sum, s) => sum + s.bytes, 0);
}

/**
 * The functions whose own in-use memory grew most from `base` to `current`, biggest first:
 * what `go tool pprof -base base current` then `top` would show, by function name and file.
 */
export function topGrowers(base: Profile, current: Profile, limit = 3): FunctionTotal[] {
  const before = totalsOf(stacksOf(base));
  return [...totalsOf(stacksOf(current))]
    .map(([key, t]) => ({
      ...t,
      bytes: t.bytes - (before.get(key)?.bytes ?? 0),
      objects: t.objects - (before.get(key)?.objects ?? 0),
    }))
    .filter((t) => t.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit);
}
