/**
 * Manual §3.3 (statements) and §3.4 (expressions), one fixture per section:
 * lucid compiles each spec/compiler/listings/*.lua to exactly the listing
 * (`luac -l -l`: instructions, lines, constants, locals, upvalues) that
 * Lua 5.4.8's compiler produced for it, recorded in the `.expected` file
 * next to it by record-listings.ts (docs/design.md §3).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from '../../src/parser/index.ts';
import { compile } from '../../src/compiler/index.ts';
import { listing } from '../../src/bytecode/listing.ts';

const dir = new URL('./listings/', import.meta.url).pathname;

for (const name of readdirSync(dir).filter((n) => n.endsWith('.lua')).sort()) {
  test(`${name}: same listing as luac 5.4.8`, () => {
    const source = readFileSync(dir + name, 'latin1');
    const expected = readFileSync(dir + name.replace(/\.lua$/, '.expected'), 'latin1');
    const proto = compile(parse(source, '@' + name));
    assert.fixture(listing(proto, true), expected);
  });
}

test.run();
