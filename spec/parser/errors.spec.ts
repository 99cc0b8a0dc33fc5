/**
 * Syntax errors, message for message against `luac5.4 -p`.
 *
 * Manual §3.1 (lexical errors: strings, escapes, numerals, long brackets),
 * §3.3 and §3.4 (syntax errors), §3.3.7 (attributes, and the limit of 200
 * local variables, which Lua reports when a syntax error follows it:
 * `locals-limit-*`), §3.4.11 (vararg), nesting limits (`cstack-*`, `deep-*`).
 * Each fixture spec/fixtures/syntax/NAME.lua holds an erroneous chunk, and
 * NAME.expected the message luac printed for it (recorded by
 * spec/fixtures/syntax/record.mjs). The chunk name is `@NAME.lua`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, LuaSyntaxError } from '../../src/parser/index.ts';

const dir = fileURLToPath(new URL('../fixtures/syntax/', import.meta.url));
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.lua')).sort();

test('there are at least 60 fixtures', () => {
  assert.ok(fixtures.length >= 60, `${fixtures.length} fixtures`);
});

for (const file of fixtures) {
  test(`fixture ${file}`, () => {
    const source = readFileSync(dir + file, 'latin1');
    const expected = readFileSync(dir + file.replace(/\.lua$/, '.expected'), 'latin1').replace(/\n$/, '');
    let error: unknown;
    try {
      parse(source, '@' + file);
    } catch (e) {
      error = e;
    }
    assert.instance(error, LuaSyntaxError);
    assert.is((error as LuaSyntaxError).message, expected);
    const line = /^[^:]*:(\d+):/.exec(expected);
    if (line) assert.is((error as LuaSyntaxError).line, Number(line[1]));
  });
}

test.run();
