// A machine that fails under pugo, for real: a small tmpfs that fills up or turns read-only, and
// pugo run as a child process against it. Mounting needs root; where it is refused, tests skip.

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

/** Why a tmpfs cannot be mounted here, or null when it can: tried once per process. */
let refusal: string | null | undefined;

export async function tmpfsRefusal(): Promise<string | null> {
  if (refusal !== undefined) return refusal;
  const probe = await mkdtemp(join(tmpdir(), 'pugo-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe]);
    refusal = null;
  } catch (err) {
    refusal = `mounting a tmpfs is not permitted here (${String((err as Error).message).split('\n')[0]})`;
  } finally {
    await rm(probe, { recursive: true, force: true });
  }
  return refusal;
}

export interface Tmpfs {
  dir: string;
  /** Fills what is left, but for `leaveBytes`; the filler is removed by free(). */
  fill(leaveBytes?: number): Promise<void>;
  free(): Promise<void>;
  /** Remounts it read-only (or back); unmounting after the test works either way. */
  readOnly(on: boolean): void;
}

/** A tmpfs of `mb` MiB mounted for the test, unmounted after it. */
export async function mountTmpfs(t: TestContext, mb: number): Promise<Tmpfs> {
  const dir = await mkdtemp(join(tmpdir(), 'pugo-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m,mode=0755`, 'tmpfs', dir]);
  t.after(async () => {
    execFileSync('umount', ['-l', dir]);
    await rm(dir, { recursive: true, force: true });
  });
  const filler = join(dir, 'filler');
  return {
    dir,
    async fill(leaveBytes = 0) {
      const free = Number(
        execFileSync('df', ['-B1', '--output=avail', dir]).toString().split('\n')[1],
      );
      await writeFile(filler, Buffer.alloc(Math.max(0, free - leaveBytes)));
      // A few KiB of rounding may remain: a second filler takes what the first could not.
      await writeFile(`${filler}-2`, Buffer.alloc(leaveBytes === 0 ? 64 * 1024 : 0)).catch(
        () => {},
      );
    },
    async free() {
      await rm(filler, { force: true });
      await rm(`${filler}-2`, { force: true });
    },
    readOnly(on) {
      execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir]);
    },
  };
}

export { pugo } from '../cli/run-pugo.js';
