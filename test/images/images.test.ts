// Responsive images with sharp on real images: WebP variants at a few widths, the <img> given
// width, height, srcset, sizes and lazy loading, variants made once and kept while the image
// is unchanged, served with validators, and a broken image served as it is with a warning.
import assert from 'node:assert/strict';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { buildSite } from '../../src/build/build.js';
import { VariantCache } from '../../src/images/variants.js';
import { measureImages } from '../../src/site/image-handler.js';
import { ROUTES } from '../../src/site/routes.js';
import { makeSite, open, serve } from '../helpers.js';

/** A photo-like image: noise compresses as a photo does, not as a flat colour. */
async function photo(width: number, height: number, format: 'png' | 'jpeg'): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + (i >> 9) * 31) % 251;
  const image = sharp(noise, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

const POST = `\`\`\`toml
title = "Pictures"
date = "2020-01-01"
author = "ann"
thumb = "@media/wide.jpg"
\`\`\`

![first](@media/wide.jpg)

Some words.

![second](@media/small.png)

![broken](@media/broken.png)

![elsewhere](https://example.com/x.png)
`;

async function site(t: Parameters<typeof makeSite>[0]) {
  const files = {
    'post/pictures.md': POST,
    'media/wide.jpg': await photo(1600, 900, 'jpeg'),
    'media/small.png': await photo(300, 200, 'png'),
    'media/unused.png': await photo(800, 600, 'png'),
    'media/broken.png': Buffer.from('not a png at all'),
  };
  return makeSite(t, files);
}

const imgs = (html: string) => [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);

test('a post’s images get width, height, WebP srcset, sizes and lazy loading; the build writes the variants', async (t) => {
  const s = await site(t);
  const opened = await open(t, s.content, s.store);
  const synced = await opened.sync();
  assert.deepEqual(
    synced.problems.map((p) => `${p.severity} ${p.code} ${p.file}`),
    ['warning PUGO_IMAGE_UNUSABLE media/broken.png'],
  );
  assert.match(synced.problems[0].message, /not an image sharp can read.*served as it is/);
  const { site: pugo, staticRoots } = opened;
  await buildSite({ site: pugo, routes: ROUTES, staticRoots, destDir: s.dest });
  const html = await readFile(join(s.dest, '2020/1/1/pictures.html'), 'utf8');
  const [thumb, wide, small, broken, elsewhere] = imgs(html);
  assert.match(
    thumb,
    /class="post-thumb" src="\/media\/wide.jpg" width="1600" height="900" srcset="/,
  );
  assert.match(wide, /width="1600" height="900"/);
  const set = /srcset="([^"]+)" sizes="\(max-width: 46rem\) 100vw, 46rem"/.exec(wide)?.[1] ?? '';
  const widths = set.split(', ').map((c) => Number(c.split(' ')[1].slice(0, -1)));
  assert.deepEqual(widths, [480, 960, 1440, 1600]);
  assert.doesNotMatch(wide, /loading=/, 'the first image of the body is not lazy');
  assert.match(small, /width="300" height="200" srcset="\/_img\/small-[0-9a-f]{12}-300.webp 300w"/);
  assert.match(small, /loading="lazy" decoding="async"/);
  assert.doesNotMatch(broken, /srcset|width=/);
  assert.match(broken, /loading="lazy"/);
  assert.doesNotMatch(elsewhere, /srcset/);
  // Each variant is a WebP of its width, smaller than the original; the originals stay.
  const original = (await stat(join(s.content, 'media/wide.jpg'))).size;
  for (const candidate of set.split(', ')) {
    const [url, w] = candidate.split(' ');
    const bytes = await readFile(join(s.dest, url));
    const meta = await sharp(bytes).metadata();
    assert.equal(meta.format, 'webp');
    assert.equal(meta.width, Number(w.slice(0, -1)));
    assert.ok(bytes.length < original, `${url}: ${bytes.length} < ${original}`);
  }
  assert.ok((await stat(join(s.dest, 'media/wide.jpg'))).isFile());
  assert.ok((await stat(join(s.dest, 'media/broken.png'))).isFile());
  // An image no post shows gets no variants.
  const made = await readdir(join(s.dest, '_img'));
  assert.ok(!made.some((f) => f.startsWith('unused-')), made.join(' '));
  assert.equal(made.length, 5);
});

test('variants are made once: a build from scratch reuses them while the image is unchanged', async (t) => {
  const s = await site(t);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { site: pugo, staticRoots } = opened;
  await buildSite({ site: pugo, routes: ROUTES, staticRoots, destDir: s.dest });
  const kept = join(s.root, 'images');
  const before = new Map<string, number>();
  for (const f of await readdir(kept)) before.set(f, (await stat(join(kept, f))).mtimeMs);
  assert.equal(before.size, 5);
  await rm(s.dest, { recursive: true });
  await buildSite({ site: pugo, routes: ROUTES, staticRoots, destDir: s.dest });
  for (const [f, mtime] of before) assert.equal((await stat(join(kept, f))).mtimeMs, mtime, f);
  // A changed image has another hash, so other names: its page links the new ones.
  await writeFile(join(s.content, 'media/small.png'), await photo(400, 300, 'png'));
  await opened.sync();
  await buildSite({ site: pugo, routes: ROUTES, staticRoots, destDir: s.dest });
  const html = await readFile(join(s.dest, '2020/1/1/pictures.html'), 'utf8');
  assert.match(
    imgs(html)[2],
    /width="400" height="300" srcset="\/_img\/small-[0-9a-f]{12}-400.webp 400w"/,
  );
});

test('pugo serve makes a variant on first request and answers it with validators', async (t) => {
  const s = await site(t);
  const opened = await open(t, s.content, s.store);
  await opened.sync();
  const { url } = await serve(t, opened);
  // Before the variants are measured the page offers none; then it is made anew with them.
  const before = await (await fetch(`${url}/2020/1/1/pictures.html`)).text();
  assert.doesNotMatch(before, /srcset/);
  assert.match(imgs(before)[1], /width="1600" height="900"/);
  assert.equal(await measureImages(opened.site), true);
  const page = await (await fetch(`${url}/2020/1/1/pictures.html`)).text();
  const variant = /\/_img\/wide-[0-9a-f]{12}-960.webp/.exec(page)?.[0] ?? '';
  // Gone from the disk (a clean-up): made again when asked for.
  await rm(join(s.root, 'images'), { recursive: true });
  const res = await fetch(`${url}${variant}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/webp');
  const etag = res.headers.get('etag') ?? '';
  assert.ok(etag);
  assert.equal((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width, 960);
  const again = await fetch(`${url}${variant}`, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(`${url}${variant.replace('-960.', '-961.')}`)).status, 404);
  assert.equal((await fetch(`${url}/_img/nothing-000000000000-480.webp`)).status, 404);
});

test('the variants on disk are bounded: past the bound the oldest made go first', async (t) => {
  const s = await site(t);
  const small = await photo(300, 200, 'png');
  const images = [1, 2, 3].map((n) => ({
    path: `/media/${n}.png`,
    abs: join(s.root, `${n}.png`),
    info: { size: 0, mtimeMs: 0, hash: `${n}`.repeat(12), width: 300, height: 200, problem: '' },
  }));
  for (const image of images) await writeFile(image.abs, small);
  const probe = new VariantCache(join(s.root, 'probe'), 1 << 30);
  const one = (await probe.get(images[0], 300)).length;
  // Room for two variants and a half: the third made pushes the first out.
  const cache = new VariantCache(join(s.root, 'bounded'), Math.floor(one * 2.5));

  for (const image of images) await cache.get(image, 300);
  const figures = cache.figures();
  assert.ok(figures.bytes <= one * 2.5, `${figures.bytes} bytes kept`);
  assert.equal(figures.files, 2);
  const left = await readdir(join(s.root, 'bounded'));
  assert.ok(!left.includes('111111111111-300.webp'), 'the oldest went first');
  assert.ok(left.includes('333333333333-300.webp'));
});
