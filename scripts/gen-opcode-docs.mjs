#!/usr/bin/env node
/**
 * Regenerates the opcode table of docs/bytecode.md from
 * src/bytecode/opcode-docs.ts and src/bytecode/opcodes.ts: the text between
 * the markers `<!-- opcode-table:begin -->` and `<!-- opcode-table:end -->`
 * is replaced, the rest of the page is left alone.
 *
 * Usage: node scripts/gen-opcode-docs.mjs [--check]
 * --check only reports (exit 1) when the page is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const root = new URL('..', import.meta.url);
const { OPCODE_DOCS } = await import(new URL('src/bytecode/opcode-docs.ts', root).href);
const { OPCODES } = await import(new URL('src/bytecode/opcodes.ts', root).href);

const BEGIN = '<!-- opcode-table:begin -->';
const END = '<!-- opcode-table:end -->';

/** Text inside a table cell's code span: pipes escaped, lines joined. */
const cell = (s) => '`' + s.replace(/\|/g, '\\|').replace(/\n/g, ' ⏎ ').replace(/\t/g, ' ') + '`';

function table() {
  const rows = [
    '| # | opcode | format | meaning | example | `luac -l` line |',
    '|---|--------|--------|---------|---------|----------------|',
  ];
  OPCODE_DOCS.forEach((doc, op) => {
    rows.push(`| ${op} | ${doc.name} | ${OPCODES[op].format} | ${cell(doc.semantics)} | ` +
      `${cell(doc.example)} | ${cell(doc.listing)} |`);
  });
  return rows.join('\n');
}

const page = new URL('docs/bytecode.md', root);
const text = readFileSync(page, 'utf8');
const start = text.indexOf(BEGIN);
const end = text.indexOf(END);
if (start < 0 || end < start) {
  console.error(`docs/bytecode.md: markers ${BEGIN} / ${END} not found`);
  process.exit(1);
}
const updated = text.slice(0, start + BEGIN.length) + '\n' + table() + '\n' + text.slice(end);
if (process.argv.includes('--check')) {
  if (updated !== text) {
    console.error('docs/bytecode.md: opcode table out of date; run node scripts/gen-opcode-docs.mjs');
    process.exit(1);
  }
  console.log('docs/bytecode.md: opcode table up to date');
} else {
  writeFileSync(page, updated);
  console.log(`docs/bytecode.md: opcode table regenerated (${OPCODE_DOCS.length} opcodes)`);
}
