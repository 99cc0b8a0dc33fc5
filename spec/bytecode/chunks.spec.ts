/**
 * Binary chunks (manual §4.7 `load` with mode "b", §6.4 `string.dump`,
 * luac(1)): the fixtures under spec/fixtures/bytecode were written by
 * luac5.4 (`luac5.4 -l -l -o X.luac X.lua` and `luac5.4 -s -o
 * X.stripped.luac X.lua`), with luac's own listings (`.expected`, and
 * `luac5.4 -l -l -p X.stripped.luac` for the stripped ones). lucid must read
 * them (undump), write them back byte for byte (dump) and list them exactly
 * as luac does, function addresses aside.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { undump } from '../../src/bytecode/undump.ts';
import { dump, dumpToString } from '../../src/bytecode/dump.ts';
import { listing, normalizeAddresses } from '../../src/bytecode/listing.ts';
import { LuaFloat, mkfloat } from '../../src/value/float.ts';
import { Proto } from '../../src/bytecode/proto.ts';
import { OpCode } from '../../src/bytecode/opcodes.ts';
import { createABCk } from '../../src/bytecode/instruction.ts';

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../fixtures/bytecode/${name}`, import.meta.url));
const NAMES = ['closures', 'constants', 'lines', 'tables'];

for (const name of NAMES) {
  for (const variant of ['', '.stripped']) {
    const file = `${name}${variant}`;
    test(`${file}: the listing of the undumped chunk is luac's`, () => {
      const { proto } = undump(fixture(`${file}.luac`), `@${name}.lua`);
      const expected = normalizeAddresses(fixture(`${file}.expected`).toString('latin1'));
      assert.fixture(normalizeAddresses(listing(proto, true)), expected);
    });

    test(`${file}: dump(undump(bytes)) gives the same bytes`, () => {
      const bytes = fixture(`${file}.luac`);
      const { proto } = undump(bytes, `@${name}.lua`);
      assert.ok(Buffer.from(dump(proto, variant !== '')).equals(bytes));
    });
  }

  test(`${name}: stripping a full chunk gives luac -s's bytes`, () => {
    const { proto } = undump(fixture(`${name}.luac`), `@${name}.lua`);
    assert.ok(Buffer.from(dump(proto, true)).equals(fixture(`${name}.stripped.luac`)));
  });

  test(`${name}: a byte-string chunk reads like the bytes`, () => {
    const { proto } = undump(fixture(`${name}.luac`), `@${name}.lua`);
    const text = dumpToString(proto);
    assert.is(text, fixture(`${name}.luac`).toString('latin1'));
    assert.is(listing(undump(text, 'x').proto, true), listing(proto, true));
  });
}

test('the listing without -l -l leaves out constants, locals and upvalues', () => {
  const { proto } = undump(fixture('closures.luac'), '@closures.lua');
  const short = listing(proto, false);
  assert.not.match(short, /constants \(/);
  assert.match(short, /^\nmain <closures\.lua:0,0> \(\d+ instructions at 0x0\)\n/);
  assert.match(short, /\nfunction <closures\.lua:3,9> \(\d+ instructions at 0x1\)\n/);
});

test('constants come out as canonical Lua values', () => {
  const { proto, nupvalues } = undump(fixture('constants.luac'), '@constants.lua');
  assert.is(nupvalues, 1);
  assert.is(proto.upvalues[0].name, '_ENV');
  const k = proto.constants;
  assert.ok(k.includes(9007199254740993n), 'unsafe integer as bigint');
  assert.ok(k.includes(0.1));
  assert.ok(k.includes(1e300));
  const boxed = k.filter((c): c is LuaFloat => c instanceof LuaFloat).map((c) => c.n);
  assert.equal(boxed, [123456789012345], 'a float with a safe integral value is boxed');
  assert.ok(k.includes(2 ** 53), '2^53 is no safe integer: a plain number, hence a float');
  const s = k.find((c) => typeof c === 'string' && c.startsWith('tab'));
  assert.is(s, 'tab\tquote"back\\slash\0nul\x01\x7f\xc8\xff');
  assert.ok(k.some((c) => typeof c === 'string' && c.length > 40), 'long string');
});

test('line information decodes through absolute anchors', () => {
  const { proto } = undump(fixture('lines.luac'), '@lines.lua');
  const far = proto.protos[0];
  assert.ok(far.abslineinfo.length > 0);
  assert.ok(far.lines.includes(154) && far.lines.includes(455));
  const stripped = undump(fixture('lines.stripped.luac'), '=?').proto;
  assert.is(stripped.lines.length, 0);
  assert.is(stripped.lineAt(0), -1);
  assert.is(stripped.source, undefined);
});

test('a prototype built by hand survives dump and undump', () => {
  const child = new Proto();
  child.source = '@hand.lua';
  child.linedefined = 2;
  child.lastlinedefined = 300;
  child.numparams = 1;
  child.code = Uint32Array.of(createABCk(OpCode.RETURN0, 0, 0, 0, 0));
  child.lineinfo = Int8Array.of(-0x80);
  child.abslineinfo = [{ pc: 0, line: 300 }];
  const main = new Proto();
  main.source = '@hand.lua';
  main.isVararg = true;
  main.code = Uint32Array.of(createABCk(OpCode.RETURN, 0, 1, 1, 0));
  main.lineinfo = Int8Array.of(1);
  main.constants = [undefined, true, false, 7, -(2n ** 63n), mkfloat(-0), 0.25, 'x'.repeat(41), ''];
  main.upvalues = [{ name: '_ENV', instack: true, index: 0, kind: 0 }];
  main.locvars = [{ name: 'v', startpc: 0, endpc: 1 }];
  main.protos = [child];
  const bytes = dump(main);
  const back = undump(bytes, '=hand').proto;
  assert.equal(back.constants.slice(0, 5), main.constants.slice(0, 5));
  assert.ok(Object.is((back.constants[5] as LuaFloat).n, -0));
  assert.equal(back.constants.slice(6), main.constants.slice(6));
  assert.is(back.protos[0].source, '@hand.lua', 'shared source is written once');
  assert.equal(Array.from(back.protos[0].lines), [300]);
  assert.equal(back.locvars, main.locvars);
  assert.ok(Buffer.from(dump(back)).equals(Buffer.from(bytes)));
  assert.is(dump(main, true).length < bytes.length, true);
});

test.run();
