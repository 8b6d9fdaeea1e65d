// What every parsed entry must give the rest of pugo: dates in ISO form, JSON the store can
// keep, and URLs that survive encodePath and the server's decoding and name files inside dest/.

import assert from 'node:assert/strict';
import { join, relative, sep } from 'node:path';
import { PUGO_010_LINKS } from '../../src/config/defaults.js';
import { encodePath, fileOfPath, tagPagePath, tagPath } from '../../src/render/urls.js';
import { decodeRequestPath, fileUnder } from '../../src/server/request-path.js';
import type { Entry } from '../../src/types.js';

const DEST = '/srv/site/dest';

/** `path` names a file inside dest/: the one the build writes it to. */
function insideDest(path: string): void {
  const file = fileUnder(DEST, path);
  assert.ok(file !== null, `${path} names a file under dest/`);
  assert.equal(file, join(DEST, fileOfPath(path)));
  const rel = relative(DEST, file);
  assert.ok(rel !== '' && rel.split(sep)[0] !== '..', `${path} stays inside dest/`);
}

/** A URL pugo links to: encodePath's form decodes back to it and names a file inside dest/. */
export function linkSurvives(path: string): void {
  assert.equal(decodeRequestPath(encodePath(path)), path);
  insideDest(path);
}

/**
 * The store keeps entries as JSON, so everything in one must survive it: finite numbers (NaN
 * would come back null), no BigInts (refused), plain objects, nothing undefined (dropped).
 * -0 coming back as 0 is allowed: no field tells them apart.
 */
function jsonSafe(value: unknown, at: string): void {
  if (typeof value === 'number') {
    assert.ok(Number.isFinite(value), `${at} is ${value}`);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) jsonSafe(v, `${at}[${i}]`);
  } else if (typeof value === 'object' && value !== null) {
    assert.equal(Object.getPrototypeOf(value), Object.prototype, `${at} is a plain object`);
    for (const [k, v] of Object.entries(value)) jsonSafe(v, `${at}.${k}`);
  } else {
    assert.ok(typeof value === 'string' || typeof value === 'boolean', `${at} is ${typeof value}`);
  }
}

/** What every entry promises: a real ISO date, and URLs that the server and the build can use. */
export function checkEntry(entry: Entry): void {
  assert.match(entry.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(entry.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(entry.path, /^\/.*\.html$/s);
  linkSurvives(entry.path);
  jsonSafe(entry, 'entry');
  if (entry.kind === 'post') {
    for (const tag of entry.tags) {
      linkSurvives(tagPath(PUGO_010_LINKS, tag));
      linkSurvives(tagPagePath(PUGO_010_LINKS, tag, 2));
    }
  }
}
