// A profile as text, in the shape of Go's heap?debug=1: the first thing a person reads.

import type { Profile } from './heap-sampler.js';
import { framesOf } from './profile-frames.js';

/**
 * "heap profile: <objects>: <bytes> [...] @ heap/524288", then one block per stack, biggest
 * first: "<objects>: <bytes> [...] @ <location ids>" and a "#" line per frame, innermost first.
 */
export function heapText(
  profile: Profile,
  intervalBytes: number,
  memory: NodeJS.MemoryUsage,
): string {
  const frames = framesOf(profile);
  const samples = [...profile.sample].sort((a, b) => Number(b.value[1]) - Number(a.value[1]));
  const total = samples.reduce(
    (t, s) => [t[0] + Number(s.value[0]), t[1] + Number(s.value[1])],
    [0, 0],
  );
  const out = [
    `heap profile: ${total[0]}: ${total[1]} [${total[0]}: ${total[1]}] @ heap/${intervalBytes}`,
  ];
  for (const sample of samples) {
    const [objects, bytes] = [Number(sample.value[0]), Number(sample.value[1])];
    const ids = sample.locationId.map(Number);
    out.push(
      `${objects}: ${bytes} [${objects}: ${bytes}] @ ${ids.map((id) => `0x${id.toString(16)}`).join(' ')}`,
    );
    for (const id of ids) {
      for (const f of frames.get(id) ?? []) {
        out.push(`#\t0x${id.toString(16)}\t${f.name}\t${f.file}:${f.line}`);
      }
    }
    out.push('');
  }
  out.push('# process memory (process.memoryUsage())');
  for (const [key, value] of Object.entries(memory)) out.push(`# ${key} = ${value}`);
  return `${out.join('\n')}\n`;
}
