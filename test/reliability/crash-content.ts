// The crash drill's site: 4,000 generated posts, and the edits a writer makes between builds.

import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { authorsOf, generatePosts, writeMeta } from '../tools/lib/bench/corpus.js';
import { sharedDir } from '../tools/lib/repo-paths.js';

/** What one round did to the content, for the round's line in the log. */
export interface Edit {
  changed: number;
  added: string[];
  removed: number;
}

export class CrashContent {
  readonly postDir: string;
  private title = 0;

  constructor(
    readonly dir: string,
    private readonly random: () => number,
  ) {
    this.postDir = join(dir, 'post');
  }

  /** Generates `n` posts with the shared, deterministic generator, and a meta.toml naming their authors. */
  async generate(n: number): Promise<void> {
    await mkdir(this.postDir, { recursive: true });
    await generatePosts(sharedDir(), n, this.postDir);
    writeMeta(this.dir, authorsOf(this.postDir));
  }

  /** Changes, adds and removes posts: `removeNames` first when given, else random ones. */
  async editPosts(round: number, removeNames: string[] = []): Promise<Edit> {
    const names = await this.posts();
    const changed = this.pick(names, this.between(5, 20));
    for (const name of changed) await this.appendTo(name, round);
    const added: string[] = [];
    const adding = this.between(3, 10);
    for (let i = 0; i < adding; i++) {
      added.push(await this.copyAs(this.pick(names, 1)[0], `crash-r${round}-${i}`));
    }
    const removed = removeNames.length ? removeNames : this.pick(names, this.between(2, 8));
    for (const name of removed) await rm(join(this.postDir, name), { force: true });
    return { changed: changed.length, added, removed: removed.length };
  }

  /** A new site title: every HTML page changes, nothing is parsed again. Returns the old meta.toml. */
  async retitle(): Promise<Buffer> {
    const file = join(this.dir, 'meta.toml');
    const before = await readFile(file);
    const title = `crash drill title ${++this.title}`;
    await writeFile(file, before.toString().replace(/^title = .*$/m, `title = "${title}"`));
    return before;
  }

  async restoreMeta(bytes: Buffer): Promise<void> {
    await writeFile(join(this.dir, 'meta.toml'), bytes);
  }

  private async posts(): Promise<string[]> {
    return (await readdir(this.postDir)).filter((n) => n.endsWith('.md')).sort();
  }

  private async appendTo(name: string, round: number): Promise<void> {
    const file = join(this.postDir, name);
    await writeFile(file, `${await readFile(file, 'utf8')}\nEdited in crash round ${round}.\n`);
  }

  /** A copy of `name` under a new slug and title, so it has a URL of its own. */
  private async copyAs(name: string, slug: string): Promise<string> {
    const text = (await readFile(join(this.postDir, name), 'utf8'))
      .replace(/^slug = .*$/m, `slug = "${slug}"`)
      .replace(/^title = .*$/m, `title = "Crash drill ${slug}"`);
    await writeFile(join(this.postDir, `${slug}.md`), text);
    return `${slug}.md`;
  }

  private between(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  /** `count` distinct names, chosen by the seeded source. */
  private pick(names: string[], count: number): string[] {
    const chosen = new Set<string>();
    while (chosen.size < Math.min(count, names.length)) {
      chosen.add(names[Math.floor(this.random() * names.length)]);
    }
    return [...chosen];
  }
}
