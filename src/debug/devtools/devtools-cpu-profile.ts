// A DevTools .cpuprofile: V8's CPU profiler through an in-process inspector session.

import { type Profiler, Session } from 'node:inspector/promises';
import { waitUnlessGone } from '../client-gone.js';
import { INTERVAL_MICROS } from '../pprof/cpu-profiler.js';

export type CpuProfile = Profiler.Profile;

/**
 * Profiler.start, wait, Profiler.stop: the result is already the .cpuprofile format. Only the
 * Profiler domain is enabled, never HeapProfiler, so pugo's heap sampler keeps running (any
 * session's HeapProfiler.stopSampling would stop it for everyone). Disconnecting the session
 * stops its profiler, so a failure part way leaves nothing running.
 */
export async function takeCpuProfile(seconds: number, gone: AbortSignal): Promise<CpuProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: INTERVAL_MICROS });
    await session.post('Profiler.start');
    // A client that leaves stops the profiler now, not `seconds` later.
    await waitUnlessGone(seconds, gone);
    const { profile } = await session.post('Profiler.stop');
    return profile;
  } finally {
    session.disconnect();
  }
}
