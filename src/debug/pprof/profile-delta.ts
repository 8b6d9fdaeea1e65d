// A delta heap profile (?seconds=N): what the in-use heap gained or lost over N seconds.

import type { Profile } from './heap-sampler.js';
import { framesOf } from './profile-frames.js';

/** A sample's stack as text, so the same stack matches across two profiles' id spaces. */
function stackKeys(profile: Profile): string[] {
  const frames = framesOf(profile);
  const locs = new Map(
    [...frames].map(([id, list]) => [id, list.map((f) => `${f.key}:${f.line}`).join(';')]),
  );
  return profile.sample.map((sample) =>
    sample.locationId.map((id) => locs.get(Number(id))).join('|'),
  );
}

/**
 * `after` with each sample's values minus those of the same stack in `before`; stacks that did
 * not change are dropped. Stacks only in `before` (freed since) are not shown.
 */
export function subtractProfile(after: Profile, before: Profile): Profile {
  const base = new Map<string, number[]>();
  stackKeys(before).forEach((key, i) => {
    base.set(key, before.sample[i].value.map(Number));
  });
  const keys = stackKeys(after);
  after.sample = after.sample.filter((sample, i) => {
    const was = base.get(keys[i]);
    if (was) sample.value = sample.value.map((v, k) => Number(v) - (was[k] ?? 0));
    return sample.value.some((v) => Number(v) !== 0);
  });
  return after;
}
