// The crash drill's dest/ checks: after a kill every file is a whole version (the one before, or
// the bytes this content renders to); after a complete build dest/ is exactly what it made.

import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { OpenSite } from '../../src/compose.js';
import { hashBytes } from '../../src/hash.js';
import type { OutputRecord } from '../../src/store/store.js';
import { madeBy } from './crash-render.js';

/** A file of dest/ as last seen. */
interface Seen {
  mtimeMs: number;
  size: number;
  hash: string;
}

/** A file whose bytes changed: their hash, and whether they end as a whole file does. */
interface Changed {
  hash: string;
  whole: boolean;
}

/** dest/ compared with the last check. */
interface Diff {
  current: Map<string, Seen>;
  /** Files whose bytes are not the ones last seen (new ones included). */
  changed: Map<string, Changed>;
  gone: string[];
  temps: string[];
}

export interface DestFigures {
  changed: number;
  gone: number;
  temps: number;
  rendered: number;
}

/**
 * How a kill's changes are proved whole: by the complete build that follows on the same content
 * (`defer`: every file), or now by rendering the files a kill could have caught mid-write (the
 * last written) and a random share of the rest, every page also checked for its closing tag.
 */
export type Proof = 'defer' | 'sample';

type Fail = (why: string) => void;

/** A file a user keeps in dest/, which no build may touch. */
const USER_FILE = 'CNAME';
const USER_BYTES = 'crash.example.test\n';
/** Files written in flight at once by the build (its WRITERS), twice over; and a random share. */
const LAST_WRITTEN = 32;
const RANDOM_SHARE = 200;

/** A temporary file of an atomic write, whatever its naming. */
const isTemp = (file: string) => file.endsWith('.tmp');

export class DestLedger {
  /** dest/ as last checked: every file a whole version. */
  private known = new Map<string, Seen>();
  /** Files a kill changed, to be proved by the next complete build: file → hash left. */
  private deferred = new Map<string, string>();
  private deferredGone: string[] = [];
  /** Files in dest/ when the store was deleted: no build of the new store can know them. */
  private foreign = new Set<string>();

  constructor(
    private readonly dest: string,
    private readonly random: () => number,
  ) {}

  /** An empty dest/ but for a user's file, as on a new checkout of a site's output repo. */
  async reset(): Promise<void> {
    await rm(this.dest, { recursive: true, force: true });
    await mkdir(this.dest, { recursive: true });
    await writeFile(join(this.dest, USER_FILE), USER_BYTES);
    this.known = (await this.diff()).current;
  }

  /** The store was deleted: what dest/ holds now is no longer any build's to remove. */
  storeForgotten(): void {
    this.foreign = new Set(this.known.keys());
  }

  /** After a kill: nothing changed unless the sync was committed, and then only whole files. */
  async checkAfterKill(opened: OpenSite, synced: boolean, proof: Proof, fail: Fail) {
    const d = await this.diff();
    this.checkUserFile(d, fail);
    const figures = { changed: d.changed.size, gone: d.gone.length, temps: d.temps.length };
    let rendered = 0;
    if (d.changed.size + d.gone.length > 0 && !synced) {
      fail(`dest/ changed (${[...d.changed.keys(), ...d.gone][0]}) though the sync did not`);
    } else if (proof === 'defer') {
      for (const [file, { hash }] of d.changed) this.deferred.set(file, hash);
      this.deferredGone.push(...d.gone);
    } else if (d.changed.size + d.gone.length > 0) {
      rendered = await this.checkSample(d, opened, fail);
    }
    this.known = d.current;
    return { ...figures, rendered };
  }

  /** After a complete build: no temporary file, every output as recorded, nothing else. */
  async checkAfterComplete(outputs: Map<string, OutputRecord>, fail: Fail): Promise<void> {
    const d = await this.diff();
    this.checkUserFile(d, fail);
    if (d.temps.length) fail(`temporary files left after a complete build: ${d.temps[0]}, …`);
    for (const [file, { hash }] of outputs) {
      const seen = d.current.get(file);
      if (seen?.hash !== hash) fail(`${file} is ${seen ? 'not the bytes built' : 'missing'}`);
    }
    const strays = [...d.current.keys()].filter(
      (f) => f !== USER_FILE && !outputs.has(f) && !this.foreign.has(f),
    );
    if (strays.length) fail(`files no build makes left in dest/: ${strays.slice(0, 3).join(', ')}`);
    for (const [file, left] of this.deferred) {
      if (d.current.get(file)?.hash !== left) fail(`${file} a kill left was not a whole version`);
    }
    for (const file of this.deferredGone) {
      if (outputs.has(file)) fail(`${file} was deleted by a killed build, yet it is made`);
    }
    this.deferred.clear();
    this.deferredGone = [];
    this.known = d.current;
  }

  /** The last files written and a random share, rendered; every page for its closing tag. */
  private async checkSample(d: Diff, opened: OpenSite, fail: Fail): Promise<number> {
    const made = await madeBy(opened);
    for (const file of d.gone) if (made.has(file)) fail(`${file} was deleted, yet it is made`);
    for (const [file, { whole }] of d.changed) {
      if (!made.has(file)) fail(`${file} was written, but this content does not make it`);
      else if (!whole) fail(`${file} is cut short: a half-written file`);
    }
    const byAge = [...d.changed.keys()].sort((a, b) => this.mtime(d, b) - this.mtime(d, a));
    const rest = byAge
      .slice(LAST_WRITTEN)
      .filter(() => this.random() < RANDOM_SHARE / byAge.length);
    const sample = [...byAge.slice(0, LAST_WRITTEN), ...rest].filter((file) => made.has(file));
    for (const file of sample) {
      const built = await made.get(file)?.();
      if (!built || hashBytes(built) !== d.changed.get(file)?.hash) {
        fail(`${file} is neither its last version nor this build's: a half-written file`);
      }
    }
    return sample.length;
  }

  private mtime(d: Diff, file: string): number {
    return d.current.get(file)?.mtimeMs ?? 0;
  }

  private checkUserFile(d: Diff, fail: Fail): void {
    if (d.current.get(USER_FILE)?.hash !== hashBytes(USER_BYTES)) fail(`${USER_FILE} was touched`);
  }

  /** dest/ against the last check; a file whose size and mtime are as seen is not read again. */
  private async diff(): Promise<Diff> {
    const d: Diff = { current: new Map(), changed: new Map(), gone: [], temps: [] };
    for (const abs of await allFiles(this.dest)) {
      const file = relative(this.dest, abs).split(sep).join('/');
      if (isTemp(file)) {
        d.temps.push(file);
        continue;
      }
      const { mtimeMs, size } = await stat(abs);
      const old = this.known.get(file);
      if (old && old.mtimeMs === mtimeMs && old.size === size) d.current.set(file, old);
      else {
        const bytes = await readFile(abs);
        const hash = hashBytes(bytes);
        d.current.set(file, { mtimeMs, size, hash });
        if (hash !== old?.hash) d.changed.set(file, { hash, whole: looksWhole(file, bytes) });
      }
    }
    d.gone = [...this.known.keys()].filter((file) => !d.current.has(file));
    return d;
  }
}

/** The end every page and feed has when written whole. */
function looksWhole(file: string, bytes: Buffer): boolean {
  const tail = bytes.subarray(-64).toString('latin1').trimEnd();
  if (file.endsWith('.html')) return tail.endsWith('</html>');
  if (file.endsWith('.xml')) return tail.endsWith('>');
  if (file.endsWith('.json')) return tail.endsWith('}');
  return true;
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
