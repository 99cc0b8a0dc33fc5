/**
 * The opcode table of the docs (no manual section: lopcodes.h). Every one
 * of the 83 opcodes has a line of meaning, an example and the luac -l line
 * the example produces. When luac5.4 is installed, each example is compiled
 * with it again and must still produce that line; without luac5.4 that test
 * only establishes that the binary is indeed absent (ENOENT).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPCODES, NUM_OPCODES } from '../../src/bytecode/opcodes.ts';
import { OPCODE_DOCS, exampleLine } from '../../src/bytecode/opcode-docs.ts';
import { undump } from '../../src/bytecode/undump.ts';

test('one entry per opcode, in opcode order', () => {
  assert.is(OPCODE_DOCS.length, NUM_OPCODES);
  OPCODE_DOCS.forEach((doc, op) => {
    assert.is(doc.name, OPCODES[op].name);
    assert.ok(doc.semantics.length > 0 && doc.example.length > 0);
    assert.is(doc.listing.split('\t')[2].trimEnd(), doc.name, doc.listing);
  });
});

test('luac5.4 still emits each documented line for its example', () => {
  const probe = spawnSync('luac5.4', ['-v']);
  if (probe.error) {
    console.log('  note: luac5.4 not installed; examples not recompiled');
    assert.is((probe.error as NodeJS.ErrnoException).code, 'ENOENT');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lucid-opdocs-'));
  try {
    for (const doc of OPCODE_DOCS) {
      writeFileSync(join(dir, 'ex.lua'), doc.source());
      const run = spawnSync('luac5.4', ['-o', join(dir, 'ex.luac'), join(dir, 'ex.lua')]);
      assert.is(run.status, 0, run.stderr?.toString());
      const { proto } = undump(readFileSync(join(dir, 'ex.luac')), '=ex');
      assert.is(exampleLine(proto, doc.name), doc.listing, doc.name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
