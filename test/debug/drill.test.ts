// The leak drill: `pugo serve --debug --drill tango-pool` serves /drill/tango through a pool
// built as tango's was in 2015, and the heap profile finds it as the seed post found it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pugo } from '../cli/run-pugo.js';
import { makeSite, post, spawnServe } from '../helpers.js';
import { decodePprof, flat, stacks } from './helpers.js';

const FILES = { 'post/a.md': post('A post', '2020-01-01') };

test('the tango-pool drill leaks handlers, and /debug/pprof/heap names them', async (t) => {
  const s = await makeSite(t, FILES);
  const served = await spawnServe(t, s, [
    '--no-watch',
    '--debug',
    '--debug-port',
    '0',
    '--drill',
    'tango-pool',
  ]);
  assert.match(served.stderr(), /LEAK DRILL tango-pool IS ON: \/drill\/tango/);
  const debugUrl = /debug listener on (http:\/\/\S+?)\/debug\//.exec(served.stderr())?.[1];
  assert.ok(debugUrl, served.stderr());
  for (let i = 0; i < 2000; i++) {
    const res = await fetch(`${served.url}/drill/tango`);
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  }
  const profile = decodePprof(
    Buffer.from(await (await fetch(`${debugUrl}/debug/pprof/heap?gc=1`)).arrayBuffer()),
  );
  // As `go tool pprof -top` ranks in-use bytes: the drill's handlers and their views lead.
  // (Buffers outside V8's heap are one '(external)' entry, of whatever size sockets left.)
  const top = flat(profile, 'inuse_space')
    .map(([name]) => name)
    .filter((name) => name !== '(external)')
    .slice(0, 5);
  assert.equal(top[0], 'DrillHandler', top.join(', '));
  const drillBytes = stacks(profile)
    .filter((s) => s.names.includes('newEagerPool') || s.names.includes('take'))
    .reduce((sum, s) => sum + s.values[1], 0);
  assert.ok(drillBytes > 2_000_000, `${drillBytes} bytes in use under the eager pool`);
});

test('the drill is refused without --debug, off loopback, or by a name pugo does not know', async (t) => {
  const s = await makeSite(t, FILES);
  const base = ['serve', '--content', s.content, '--store', s.store, '--port', '0', '--no-watch'];
  const noDebug = await pugo([...base, '--drill', 'tango-pool']);
  assert.notEqual(noDebug.code, 0);
  assert.match(
    noDebug.stderr,
    /needs --debug and a site on a loopback address.*\[PUGO_DRILL_REFUSED\]/,
  );
  const exposed = await pugo([
    ...base,
    '--host',
    '0.0.0.0',
    '--debug',
    '--debug-port',
    '0',
    '--drill',
    'tango-pool',
  ]);
  assert.match(exposed.stderr, /not 0\.0\.0\.0.*\[PUGO_DRILL_REFUSED\]/);
  const unknown = await pugo([...base, '--debug', '--debug-port', '0', '--drill', 'nope']);
  assert.match(unknown.stderr, /--drill nope: no such drill; the drill is tango-pool/);
});
