/**
 * lucid's compiler emits every opcode (no manual section: lopcodes.h; the
 * aim of docs/design.md §3 is the same code as luac5.4). Each example of
 * src/bytecode/opcode-docs.ts is parsed and compiled by lucid; the opcode
 * must appear, and the line listing it must be the one luac5.4 printed for
 * the same example (recorded in the table).
 *
 * To enable: move this file to spec/bytecode/ (it imports from there).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OPCODE_DOCS, exampleLine } from '../../src/bytecode/opcode-docs.ts';
import { parse } from '../../src/parser/index.ts';
import { compile } from '../../src/compiler/index.ts';

for (const doc of OPCODE_DOCS) {
  test(`${doc.name}: lucid compiles the example to luac's line`, () => {
    const proto = compile(parse(doc.source(), '=ex'));
    const line = exampleLine(proto, doc.name);
    assert.ok(line !== undefined, `${doc.name} not emitted for: ${doc.example}`);
    assert.is(line, doc.listing);
  });
}

test.run();
