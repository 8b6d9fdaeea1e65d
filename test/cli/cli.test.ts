// The command line as a user runs it: a real child process per command.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { makeSite, post, spawnServe, tempDir } from '../helpers.js';
import { pugo } from './run-pugo.js';

test('version and --help on every command', async () => {
  assert.match((await pugo(['version'])).stdout, /^pugo \d+\.\d+\.\d+/);
  for (const command of ['serve', 'build', 'check', 'new']) {
    const res = await pugo([command, '--help']);
    assert.equal(res.code, 0, command);
    assert.match(res.stdout, new RegExp(`usage: pugo ${command}`));
  }
  const unknown = await pugo(['frobnicate']);
  assert.equal(unknown.code, 2);
  const badFlag = await pugo(['build', '--nope']);
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /PUGO_USAGE/);
});

test('check lists every problem with its file and line, and exits 1', async (t) => {
  const site = await makeSite(t, {
    'post/good.md': post('Good', '2020-01-01'),
    'post/unterminated.md': '```toml\ntitle = "x"\n\nno end\n',
    'post/bad-toml.md': '```toml\ntitle = "x"\ntags = [\n```\n',
    'post/bad-date.md': '```toml\ntitle = "x"\ndate = "14/10/2015"\n```\n',
    'post/who.md': '```toml\ntitle = "x"\nauthor = "nobody"\n```\n',
    'post/binary.md': Buffer.from([0x60, 0x60, 0x60, 0xff, 0xfe, 0x00, 0x01]),
    'post/empty.md': '',
    'post/dup-1.md': post('D1', '2020-01-01', [], 'slug = "dup"\n'),
    'post/dup-2.md': post('D2', '2020-01-01', [], 'slug = "dup"\n'),
  });
  const res = await pugo(['check', '--content', site.content]);
  assert.equal(res.code, 1);
  const codes = [...res.stdout.matchAll(/\[(PUGO_[A-Z0-9_]+)\]/g)].map((m) => m[1]).sort();
  assert.deepEqual(codes, [
    'PUGO_DATE_INVALID',
    'PUGO_DUPLICATE_SLUG',
    'PUGO_EMPTY_FILE',
    'PUGO_FRONT_MATTER_INVALID',
    'PUGO_FRONT_MATTER_UNTERMINATED',
    'PUGO_NOT_UTF8',
    'PUGO_UNKNOWN_AUTHOR',
  ]);
  assert.match(res.stdout, /post\/bad-toml\.md:\d+: /);
  // Bad field values are warnings: those posts are built; the rest cannot be read as posts.
  assert.match(res.stdout, /^warning: .*post\/who\.md:3: .*PUGO_UNKNOWN_AUTHOR\]$/m);
  assert.match(res.stdout, /^error: .*post\/empty\.md:1: .*\(left out of the site\)$/m);
  assert.match(res.stdout, /checked 9 files: 5 errors, 2 warnings/);
});

test('problem paths are relative to the current folder, so an editor opens them', async (t) => {
  const site = await makeSite(t, {
    'post/who.md': '```toml\ntitle = "x"\nauthor = "nobody"\n```\n',
  });
  const res = await pugo(['check', '--content', 'content'], dirname(site.content));
  assert.match(res.stdout, /^warning: content\/post\/who\.md:3: /m);
});

test('build --strict exits 1 on any problem, a warning too, and still writes the site', async (t) => {
  const site = await makeSite(t, {
    'post/good.md': post('Good', '2020-01-01'),
    'post/who.md': '```toml\ntitle = "Who"\ndate = "2020-01-02"\nauthor = "nobody"\n```\n',
  });
  const flags = ['--content', site.content, '--store', site.store, '--dest', site.dest];
  const lax = await pugo(['build', ...flags]);
  assert.equal(lax.code, 0, lax.stderr);
  assert.match(lax.stdout, /, 1 warning\n$/);
  const strict = await pugo(['build', '--strict', ...flags]);
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /post\/who\.md:4: .*PUGO_UNKNOWN_AUTHOR/, 'warned on every build');
  assert.ok(existsSync(join(site.dest, '2020/1/2/who.html')), 'the warned post is built');
});

test('build reports broken files and still produces the rest of the site', async (t) => {
  const site = await makeSite(t, {
    'post/good.md': post('Good', '2020-01-01'),
    'post/broken.md': '```toml\ntitle = \n```\n',
  });
  const res = await pugo([
    'build',
    '--content',
    site.content,
    '--store',
    site.store,
    '--dest',
    site.dest,
  ]);
  assert.equal(res.code, 0, res.stderr);
  assert.match(
    res.stderr,
    /post\/broken\.md:2: .*PUGO_FRONT_MATTER_INVALID.*\(left out of the site\)/,
  );
  assert.match(
    res.stdout,
    /^built \d+ pages in [\d.]+ s, \d+ rendered, \d+ changed, 0 removed, 1 error\n$/,
  );
  assert.ok(existsSync(join(site.dest, '2020/1/1/good.html')));
});

test('new site, new post and new page make files that build', async (t) => {
  const dir = await tempDir(t);
  const content = join(dir, 'blog');
  assert.equal((await pugo(['new', 'site', content])).code, 0);
  assert.ok(existsSync(join(content, 'meta.toml')));
  assert.equal((await pugo(['new', 'site', content])).code, 1, 'refuses to overwrite');
  assert.equal((await pugo(['new', 'post', 'Hello', 'World!', '--content', content])).code, 0);
  const written = await readFile(join(content, 'post', 'hello-world.md'), 'utf8');
  assert.match(written, /^```toml\ntitle = "Hello World!"\nslug = "hello-world"/);
  const again = await pugo(['new', 'post', 'Hello World!', '--content', content]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /PUGO_EXISTS/);
  assert.equal((await pugo(['new', 'page', 'Colophon', '--content', content])).code, 0);
  const build = await pugo([
    'build',
    '--content',
    content,
    '--store',
    join(dir, 's'),
    '--dest',
    join(dir, 'd'),
    '--drafts',
  ]);
  assert.equal(build.code, 0, build.stderr);
  assert.ok(existsSync(join(dir, 'd', 'colophon.html')));
});

test('serve answers on the port it prints, logs each request with --log, and stops on SIGTERM', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const { url, child, stderr } = await spawnServe(t, site, ['--log']);
  assert.equal((await fetch(`${url}/2020/1/1/a.html`)).status, 200);
  await new Promise((wait) => setTimeout(wait, 100));
  assert.match(
    stderr(),
    /^GET \/2020\/1\/1\/a\.html 200 \d+ [\d.]+ms$/m,
    'one access log line a request',
  );
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});

test('serve on a port in use says so with PUGO_LISTEN and exits 1', async (t) => {
  const site = await makeSite(t, { 'post/a.md': post('A', '2020-01-01') });
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
  t.after(() => blocker.close());
  const address = blocker.address();
  const port = String(typeof address === 'object' && address ? address.port : 0);
  const res = await pugo([
    'serve',
    '--content',
    site.content,
    '--store',
    site.store,
    '--port',
    port,
  ]);
  assert.equal(res.code, 1);
  assert.match(
    res.stderr,
    /cannot listen on 127\.0\.0\.1:\d+: the port is in use.*\[PUGO_LISTEN\]/,
  );
});
