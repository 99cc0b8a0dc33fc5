/**
 * Whole programs run on the VM, compared with the output of the reference
 * interpreter (`lua5.4`), which is stored beside each program.
 *
 * Manual: §3 (the language), §2.4 (metamethods), §6.1 (basic functions).
 * Fixtures: spec/fixtures/vm/NAME.lua (source), NAME.luac (compiled by
 * `luac5.4`, so these specs do not depend on lucid's compiler), and
 * NAME.expected (what `lua5.4 NAME.lua` printed). Each program also runs
 * from source through lucid's parser and compiler.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LuaState } from '../../src/index.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/vm');

/** Run a binary chunk, returning everything it printed. */
export function runFixture(name: string): string {
  let out = '';
  const lua = new LuaState({ write: (s) => { out += s; } });
  lua.call(lua.load(fs.readFileSync(path.join(dir, name + '.luac'))));
  return out;
}

/** Compile the source with lucid's own front end and run it. */
function runSource(name: string): string {
  let out = '';
  const lua = new LuaState({ write: (s) => { out += s; } });
  lua.call(lua.load(fs.readFileSync(path.join(dir, name + '.lua')), `@${name}.lua`));
  return out;
}

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.luac')).sort()) {
  const name = file.slice(0, -'.luac'.length);
  const expected = fs.readFileSync(path.join(dir, name + '.expected'), 'latin1');
  test(`${name}: luac5.4's bytecode runs as lua5.4 runs it`, () => {
    assert.fixture(runFixture(name), expected);
  });
  test(`${name}: compiled by lucid, runs as lua5.4 runs it`, () => {
    assert.fixture(runSource(name), expected);
  });
}

test.run();
