// A mistake on the command line is said in pugo's words, names the flag, and points at --help.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pugo } from './run-pugo.js';

/** Each mistake, and the words pugo says it in (the wording is what this feature is). */
const CASES: [string[], RegExp][] = [
  [['check', '--bogus'], /unknown flag --bogus for pugo check; see pugo check --help/],
  [['build', '-z'], /unknown flag -z for pugo build; see pugo build --help/],
  [['check', '--content'], /flag --content of pugo check needs a value; see pugo check --help/],
  [['build', '--dest', '--drafts'], /flag --dest of pugo build needs a value/],
  [['serve', '--drafts=yes'], /flag --drafts of pugo serve takes no value, got "yes"/],
  [['check', 'extra'], /unexpected argument "extra" for pugo check; see pugo check --help/],
  [['list', '--bogus'], /unknown flag --bogus for pugo list; see pugo list --help/],
];

test('flag errors name the flag in pugo words, exit 2 with PUGO_USAGE', async () => {
  for (const [args, words] of CASES) {
    const res = await pugo(args);
    assert.equal(res.code, 2, args.join(' '));
    assert.match(res.stderr, /\[PUGO_USAGE\]/, args.join(' '));
    assert.match(res.stderr, words, args.join(' '));
    // Not node's parser's advice about '--' and option arguments.
    assert.doesNotMatch(res.stderr, /positional argument|Unknown option|argument missing/);
  }
});

test('pugo new still takes its words as arguments', async () => {
  const res = await pugo(['new', 'post', '--bogus']);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /unknown flag --bogus for pugo new/);
});
