// Blackfriday, Pugo 0.10's renderer, as a test oracle: built once per run from Debian's package.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../../helpers.js';

/** Where golang-github-russross-blackfriday-dev puts the source; GOPATH mode needs no network. */
const GOPATH = '/usr/share/gocode';
const PACKAGE = join(GOPATH, 'src/github.com/russross/blackfriday');

export type Oracle =
  | { available: true; render: (docs: string[]) => Promise<string[]> }
  | { available: false; reason: string };

function goFound(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Builds test/tools/blackfriday into a temporary folder, removed when the process exits. */
function build(): Oracle {
  if (!goFound()) return { available: false, reason: 'no go here' };
  if (!existsSync(PACKAGE)) return { available: false, reason: 'blackfriday not installed' };
  const dir = mkdtempSync(join(tmpdir(), 'pugo-bf-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const bin = join(dir, 'bf');
  const env = {
    ...process.env,
    GOPATH,
    GO111MODULE: 'off',
    GOFLAGS: '',
    GOCACHE: join(dir, 'cache'),
  };
  const made = spawnSync('go', ['build', '-o', bin, './test/tools/blackfriday'], {
    cwd: REPO,
    env,
  });
  if (made.status !== 0) {
    return { available: false, reason: `go build failed: ${String(made.stderr).trim()}` };
  }
  return { available: true, render: (docs) => renderWith(bin, docs) };
}

/** One process renders every document: one JSON string a line in, one a line out. */
function renderWith(bin: string, docs: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(bin, { maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const lines = stdout.split('\n').filter((line) => line !== '');
      resolve(lines.map((line) => JSON.parse(line) as string));
    });
    child.stdin?.end(docs.map((doc) => `${JSON.stringify(doc)}\n`).join(''));
  });
}

let oracle: Oracle | null = null;

/** The oracle, built on first use; later calls in the same run reuse the binary. */
export function blackfriday(): Oracle {
  oracle ??= build();
  return oracle;
}
