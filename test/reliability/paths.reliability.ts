// The request path resolver under fuzz: every path a client can send, `..` and its encoded,
// overlong, backslashed and NUL forms mixed, is refused or resolves inside its root.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { PugoError } from '../../src/errors.js';
import { decodeRequestPath, fileUnder } from '../../src/server/request-path.js';
import { findStatic } from '../../src/server/static-files.js';
import type { StaticRoot } from '../../src/site/published.js';
import { Tally } from './properties.js';

const tally = new Tally('parsers');

/** Whether `file` is strictly inside `root` (the root itself is not a file to serve). */
function inside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

// Segments and separators from path traversal write-ups: dot segments plain, percent-encoded,
// double-encoded and as overlong UTF-8; slashes as backslashes, encoded and overlong; NUL.
const SEGMENTS = [
  '..',
  '.',
  '...',
  '%2e%2e',
  '%2E%2E',
  '%2e.',
  '.%2e',
  '%2e',
  '%252e%252e',
  '%c0%ae%c0%ae',
  '%e0%80%ae',
  '%c0%2e',
  '%u002e',
  '..;',
  '..%00',
  '..%2f',
  '..%5c',
  '..\\',
  '\\..',
  '%00',
  '\0',
  '%',
  '%zz',
  '%ff',
  '%e4',
  '%E4%B8%AD',
  '中文',
  '~',
  '',
  'a',
  'css',
  'site.css',
  'media',
  'photo.png',
  'link-out',
  'link-in',
  'secret.txt',
  '.git',
];
const SEPARATORS = [
  '/',
  '//',
  '\\',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '%c0%af',
  '%e0%80%af',
  '/./',
  '/../',
];

/** Paths made of `separators` and the segments above (or any three characters). */
const pathOf = (separators: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.constantFrom('/', '/', '', '//', '\\', '%2f', '/media/'),
      fc.array(
        fc.tuple(
          separators,
          fc.oneof(fc.constantFrom(...SEGMENTS), fc.string({ unit: 'binary', maxLength: 3 })),
        ),
        { maxLength: 8 },
      ),
    )
    .map(
      ([lead, parts]) =>
        lead +
        parts
          .map(([s, g]) => s + g)
          .join('')
          .replace(/^\//, ''),
    );

const hostilePath = pathOf(fc.constantFrom(...SEPARATORS));
/** Mostly plain slashes, so more paths get past the decoder to the files on disk. */
const diskPath = pathOf(
  fc.oneof({ weight: 6, arbitrary: fc.constant('/') }, fc.constantFrom(...SEPARATORS)),
);

const rawPath = fc.oneof({ weight: 4, arbitrary: hostilePath }, fc.string({ unit: 'binary' }));

/** The decoded path, or null for a PUGO_BAD_PATH refusal; anything else thrown is a bug. */
function decodedOrRefused(raw: string): string | null {
  try {
    return decodeRequestPath(raw);
  } catch (err) {
    if (!(err instanceof PugoError) || err.code !== 'PUGO_BAD_PATH') throw err;
    return null;
  }
}

/** What the decoder promises of every path it lets through. */
function checkDecoded(path: string): void {
  assert.ok(path.startsWith('/'), 'starts with /');
  assert.ok(!path.includes('\0') && !path.includes('\\'), 'no NUL or backslash');
  for (const seg of path.split('/')) assert.ok(seg !== '.' && seg !== '..', 'no dot segment');
}

const ROOT = '/srv/site/themes/default/static';
const MEDIA = '/srv/site/content/media';

test('decodeRequestPath: any path is refused, or has no NUL, backslash or dot segment', () => {
  tally.holds(
    fc.property(rawPath, (raw) => {
      const path = decodedOrRefused(raw);
      if (path !== null) checkDecoded(path);
    }),
    20_000,
  );
});

test('fileUnder: a decoded path resolves inside the static and media roots, or to nothing', () => {
  tally.holds(
    fc.property(rawPath, (raw) => {
      const path = decodedOrRefused(raw);
      if (path === null) return;
      const file = fileUnder(ROOT, path);
      assert.ok(file === null || inside(ROOT, file), `${path} → ${file}`);
      if (path.startsWith('/media/')) {
        const media = fileUnder(MEDIA, `/${path.slice('/media/'.length)}`);
        assert.ok(media === null || inside(MEDIA, media), `${path} → ${media}`);
      }
    }),
    20_000,
  );
});

test('fileUnder: even an undecoded path with dot segments and NUL stays inside its root', () => {
  tally.holds(
    fc.property(rawPath, (raw) => {
      const file = fileUnder(ROOT, raw.startsWith('/') ? raw : `/${raw}`);
      assert.ok(file === null || inside(ROOT, file), `${raw} → ${file}`);
    }),
    20_000,
  );
});

/**
 * A site on disk: static/ with a link to a folder inside it and links to a folder and a file
 * outside it, media/, and the outside folder holding a secret.
 */
let site = '';
let roots: StaticRoot[] = [];
let realRoots: string[] = [];

before(async () => {
  site = await realpath(await mkdtemp(join(tmpdir(), 'pugo-paths-')));
  const files = {
    'static/index.html': 'home',
    'static/css/site.css': 'body{}',
    'media/photo.png': 'png',
    'outside/secret.txt': 'secret',
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(site, name, '..'), { recursive: true });
    await writeFile(join(site, name), text);
  }
  await symlink('css', join(site, 'static', 'link-in'));
  await symlink(join(site, 'outside'), join(site, 'static', 'link-out'));
  await symlink(join(site, 'outside', 'secret.txt'), join(site, 'media', 'secret.txt'));
  roots = [
    { prefix: '/', dir: join(site, 'static') },
    { prefix: '/media/', dir: join(site, 'media') },
  ];
  realRoots = roots.map((r) => r.dir);
});

after(() => rm(site, { recursive: true, force: true }));

test('findStatic: files in the roots are found, through a link inside them too', async () => {
  await tally.case(async () => {
    assert.equal(await findStatic(roots, '/css/site.css'), join(site, 'static/css/site.css'));
    assert.equal(
      await findStatic(roots, '/link-in/site.css'),
      join(site, 'static/link-in/site.css'),
    );
    assert.equal(await findStatic(roots, '/media/photo.png'), join(site, 'media/photo.png'));
  });
});

test('findStatic: links to a folder or a file outside the roots are refused', async () => {
  await tally.case(async () => {
    assert.equal(await findStatic(roots, '/link-out/secret.txt'), null);
    assert.equal(await findStatic(roots, '/media/secret.txt'), null);
  });
});

test('findStatic: no request reaches a file outside the roots, by links or not', async () => {
  const property = fc.asyncProperty(diskPath, async (raw) => {
    const path = decodedOrRefused(raw);
    if (path === null) return;
    const file = await findStatic(roots, path);
    if (file === null) return;
    const real = await realpath(file);
    assert.ok(
      realRoots.some((root) => inside(root, real)),
      `${raw} → ${real}`,
    );
  });
  await tally.holdsAsync(property, 3000);
});

// A bug this suite found: findStatic compared real paths without a separator, so a link to a
// sibling folder whose name starts with the root's ('static' → '../static-old') passed.
test("findStatic: a link to a sibling folder named like the root ('static-old') leaves the root", async () => {
  await mkdir(join(site, 'static-old'), { recursive: true });
  await writeFile(join(site, 'static-old', 'secret.txt'), 'secret');
  await symlink(join(site, 'static-old'), join(site, 'static', 'old'));
  try {
    assert.equal(await findStatic(roots, '/old/secret.txt'), null);
  } finally {
    await rm(join(site, 'static', 'old'));
  }
});
