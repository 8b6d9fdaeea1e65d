// A pprof profile's locations as readable frames: the one decoding the text, delta and dashboard share.

import type { Profile } from './heap-sampler.js';

export interface Frame {
  /** Function and file: the same function in another profile has the same key. */
  key: string;
  name: string;
  file: string;
  line: number;
}

/** Frames by location id; a location holds several frames when V8 inlined calls. */
export function framesOf(profile: Profile): Map<number, Frame[]> {
  const s = profile.stringTable.strings;
  const fns = new Map(profile.function.map((f) => [Number(f.id), f]));
  const frames = new Map<number, Frame[]>();
  for (const loc of profile.location) {
    const lines = loc.line.map((l) => {
      const fn = fns.get(Number(l.functionId));
      const name = s[Number(fn?.name ?? 0)] || '(anonymous)';
      const file = s[Number(fn?.filename ?? 0)] ?? '';
      return { key: `${name}\u0000${file}`, name, file, line: Number(l.line) };
    });
    frames.set(Number(loc.id), lines);
  }
  return frames;
}
