/**
 * Chunk names in messages (manual §4.6 and `load` in §6.1; PUC-Rio's
 * luaO_chunkid): `[string "..."]` cut at the first line end and at
 * LUA_IDSIZE, `@file` shown as the file name (long ones keep their end),
 * `=name` shown as is (cut at LUA_IDSIZE). Expected messages were recorded
 * from lua5.4 by spec/fixtures/syntax/record.mjs into chunkid.json.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse, chunkid, LuaSyntaxError } from '../../src/parser/index.ts';

const recorded = JSON.parse(
  readFileSync(new URL('../fixtures/syntax/chunkid.json', import.meta.url), 'latin1'),
) as Record<string, string>;

for (const [name, message] of Object.entries(recorded)) {
  test(`chunk name ${JSON.stringify(name).slice(0, 40)}`, () => {
    let error: unknown;
    try {
      parse('x = = 1', name, { skipFirstLine: false });
    } catch (e) {
      error = e;
    }
    assert.instance(error, LuaSyntaxError);
    assert.is((error as LuaSyntaxError).message, message);
    assert.is(message.startsWith(chunkid(name) + ':1:'), true);
  });
}

test('at least a dozen recorded names', () => {
  assert.ok(Object.keys(recorded).length >= 12);
});

test.run();
