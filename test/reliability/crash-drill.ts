// The crash drill: `pugo build` children killed with SIGKILL at seeded moments, and after each
// kill the store and dest/ checked as the next start finds them.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenSite } from '../../src/compose.js';
import { REPO } from '../helpers.js';
import { CrashContent, type Edit } from './crash-content.js';
import { DestLedger } from './crash-dest.js';
import {
  type DrillPaths,
  describeFindings,
  EMPTY_DIGEST,
  openAsNextStart,
  type StoreState,
  stateAfterKill,
  verifyWithDigest,
} from './crash-store.js';

const MAIN = join(REPO, 'dist', 'src', 'cli', 'main.js');

/**
 * When a round kills its child: `early` in start-up and the store's open, `sync` anywhere in an
 * incremental sync, `write` in the build after the sync, `fresh` in the sync of a new store.
 */
export type KillAt = 'early' | 'sync' | 'write' | 'fresh';

export interface Plan {
  kill: KillAt;
  /** `title` retitles the site (every page rewritten); `undo` removes the last round's new posts. */
  edit: 'posts' | 'title' | 'undo';
  /** Then: an in-process sync, a complete build, or the title put back and a complete build. */
  after: 'sync' | 'complete' | 'revert';
}

interface ChildRun {
  killed: boolean;
  ms: number;
  code: number | null;
  stderr: string;
}

/** Measured before the rounds, to aim each kill at its phase. */
interface Timings {
  /** A cold sync of the whole site. */
  sync: number;
  /** A build over a synced store into an empty dest/: start-up to the last file written. */
  render: number;
  /** A build with nothing to do at all: start-up, open, sync, fingerprint. */
  noop: number;
}

export class Drill {
  readonly failures: string[] = [];
  kills = 0;
  edits = 0;
  private readonly content: CrashContent;
  private readonly dest: DestLedger;
  private timings: Timings = { sync: 0, render: 0, noop: 0 };
  /** The store's sync digest as the last round left it: what a killed sync must leave. */
  private before = EMPTY_DIGEST;
  private lastAdded: string[] = [];
  private context = 'setup';

  constructor(
    private readonly paths: DrillPaths,
    private readonly random: () => number,
    private readonly say: (line: string) => void,
  ) {
    this.content = new CrashContent(paths.content, random);
    this.dest = new DestLedger(paths.dest, random);
  }

  /** Rounds (or the setup) with a failed check: the figure recorded as failures. */
  readonly failedRounds = new Set<string>();

  /** A failed check; one broken thing can fail thousands of files, so a few lines a round. */
  private readonly fail = (why: string) => {
    const lines = this.failures.filter((f) => f.startsWith(`${this.context}:`)).length;
    if (lines < 5) this.failures.push(`${this.context}: ${why}`);
    this.failedRounds.add(this.context);
  };

  /** The site, a cold sync (timed), a complete build over it (timed) and a no-op one (timed). */
  async setup(posts: number): Promise<void> {
    await this.content.generate(posts);
    await this.dest.reset();
    const started = performance.now();
    const opened = await openAsNextStart(this.paths, this.fail);
    await opened.sync({ load: false }).finally(() => opened.close());
    this.timings.sync = performance.now() - started;
    this.timings.render = (await this.completeBuild()).ms;
    this.timings.noop = (await this.completeBuild()).ms;
    const t = this.timings;
    this.say(`setup: sync ${secs(t.sync)}, build ${secs(t.render)}, no-op build ${secs(t.noop)}`);
  }

  /** One planned kill; a child that finishes first is checked as a complete build and tried again. */
  async round(n: number, plan: Plan): Promise<void> {
    const started = performance.now();
    const found = await this.attempts(n, plan);
    this.say(`${this.context}: ${found}; round took ${secs(performance.now() - started)}`);
  }

  /** Up to three tries at a kill; what the kill left, in a few words. */
  private async attempts(n: number, plan: Plan): Promise<string> {
    if (plan.kill === 'fresh') {
      await rm(this.paths.store, { recursive: true, force: true });
      this.dest.storeForgotten();
      this.before = EMPTY_DIGEST;
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      this.context = `round ${n} (${plan.kill}, ${plan.edit})`;
      const oldMeta = await this.edit(n, plan);
      const delay = this.killDelay(plan.kill) * 0.6 ** attempt;
      const run = await runBuild(this.paths, delay);
      if (!run.killed) {
        this.say(`${this.context}: finished in ${secs(run.ms)} before the kill, again`);
        await this.checkComplete(run);
        continue;
      }
      this.kills++;
      const found = await this.checkKilled(plan);
      if (plan.after === 'revert' && oldMeta) await this.content.restoreMeta(oldMeta);
      if (plan.after !== 'sync') await this.completeBuild();
      return `killed at ${secs(delay)}; ${found}; then ${plan.after}`;
    }
    this.fail('every attempt finished before its kill');
    return 'not killed';
  }

  private async edit(n: number, plan: Plan): Promise<Buffer | null> {
    if (plan.edit === 'title') return this.content.retitle();
    const undo = plan.edit === 'undo' ? this.lastAdded : [];
    const edit: Edit = await this.content.editPosts(n, undo);
    this.lastAdded = edit.added;
    this.edits += edit.changed + edit.added.length + edit.removed;
    return null;
  }

  private killDelay(kill: KillAt): number {
    const { sync, render, noop } = this.timings;
    const at = (from: number, span: number) => from + this.random() * span;
    if (kill === 'early') return at(20, 400);
    if (kill === 'sync') return at(50, noop + 500);
    if (kill === 'fresh') return at(200, sync);
    // The write phase starts after the sync, the fingerprint and the read of every summary:
    // about a quarter of the way from a no-op build's end to a full render's, measured here.
    const span = Math.max(render - noop, 1000);
    return at(noop + span * 0.25, span * 0.65);
  }

  /** The store as the next start opens it, and dest/; then, if planned, the sync finished in-process. */
  private async checkKilled(plan: Plan): Promise<string> {
    const started = performance.now();
    const opened = await openAsNextStart(this.paths, this.fail);
    try {
      const { state, findings, digest } = await stateAfterKill(opened, this.before);
      if (state === 'between') this.fail(`a store half synced: ${describeFindings(findings)}`);
      // A complete build of the same content follows: it proves every file the kill left.
      const proof = plan.after === 'complete' ? 'defer' : 'sample';
      const d = await this.dest.checkAfterKill(opened, state === 'after', proof, this.fail);
      if (plan.after === 'sync') this.before = await this.finishSync(opened, state, digest);
      const dest = `dest ${d.changed} changed (${d.rendered} rendered), ${d.gone} gone, ${d.temps} temp`;
      return `store ${state}, ${dest}, checked in ${secs(performance.now() - started)}`;
    } finally {
      await opened.close();
    }
  }

  /**
   * The sync the next start makes, in-process; then the store must be in line. A store in line
   * already (the killed sync was committed) must give the sync nothing to do, and stays as it
   * was verified; any other is verified again.
   */
  private async finishSync(opened: OpenSite, state: StoreState, digest: string): Promise<string> {
    const result = await opened.sync({ load: false });
    if (state === 'after') {
      const work = result.parsed + result.deleted + result.changed.length;
      if (work > 0) this.fail(`a sync of a store in line still changed ${work} files`);
      return digest;
    }
    const after = await verifyWithDigest(opened.store, opened.contentDir);
    if (after.findings.length)
      this.fail(`not in line after a sync: ${describeFindings(after.findings)}`);
    return after.digest;
  }

  /** A build left to finish, then checked: the store in line, dest/ exactly its outputs. */
  private async completeBuild(): Promise<ChildRun> {
    const run = await runBuild(this.paths);
    await this.checkComplete(run);
    return run;
  }

  private async checkComplete(run: ChildRun): Promise<void> {
    if (run.code !== 0) this.fail(`a build exited with ${run.code}: ${run.stderr.slice(0, 500)}`);
    const opened = await openAsNextStart(this.paths, this.fail);
    try {
      const { findings, digest } = await verifyWithDigest(opened.store, opened.contentDir);
      if (findings.length) this.fail(`not in line after a build: ${describeFindings(findings)}`);
      await this.dest.checkAfterComplete(await opened.store.outputs(), this.fail);
      this.before = digest;
    } finally {
      await opened.close();
    }
  }
}

/** `pugo build` as a child; with `killAfterMs`, SIGKILLed then unless it finished first. */
async function runBuild(paths: DrillPaths, killAfterMs?: number): Promise<ChildRun> {
  const { content, store, dest, theme } = paths;
  const args = ['build', '--content', content, '--store', store, '--dest', dest, '--theme', theme];
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer =
    killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  if (timer) clearTimeout(timer);
  return { killed: signal === 'SIGKILL', ms: performance.now() - started, code, stderr };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
