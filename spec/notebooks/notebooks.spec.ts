/**
 * The notebooks of notebooks/ are checked like code: every ```lua cell is
 * compiled and run by lucid, and the block that follows it must be what
 * lucid prints — ```output for the program's output, ```listing for its
 * bytecode as `lucidc -l` shows it, ```gclog for the phases the collector
 * went through (the log's first words; its byte counts change whenever a
 * library grows, so they are not compared). A notebook that drifts from the machine
 * fails here. Manual: whichever section each notebook teaches.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LuaState } from '../../src/index.ts';
import { parse } from '../../src/parser/index.ts';
import { compile } from '../../src/compiler/index.ts';
import { listing } from '../../src/bytecode/listing.ts';

const dir = path.resolve(import.meta.dirname, '../../notebooks');

interface Cell { code: string; kind: 'output' | 'listing' | 'gclog'; expected: string; line: number }

/** Pairs of a ```lua cell and the ```output or ```listing block after it. */
function cells(text: string): Cell[] {
  const blocks = [...text.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)];
  const out: Cell[] = [];
  for (let i = 0; i + 1 < blocks.length; i++) {
    const [a, b] = [blocks[i], blocks[i + 1]];
    if (a[1] === 'lua' && (b[1] === 'output' || b[1] === 'listing' || b[1] === 'gclog')) {
      out.push({ code: a[2], kind: b[1], expected: b[2], line: text.slice(0, a.index).split('\n').length });
    }
  }
  return out;
}

function run(code: string): string {
  let printed = '';
  const L = new LuaState({ write: (s) => { printed += s; } });
  L.doString(code, '=notebook');
  return printed;
}

/** The phases the collector logged while the cell ran, one per line. */
function gclog(code: string): string {
  const phases: string[] = [];
  const L = new LuaState({ write: () => {}, gcLog: (line) => phases.push(line.split(/\s+/)[1]) });
  L.doString(code, '=notebook');
  return phases.map((p) => p + '\n').join('');
}

for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const found = cells(text);
  test(`${file} has cells to check`, () => {
    assert.ok(found.length > 0);
  });
  for (const cell of found) {
    test(`${file}:${cell.line} (${cell.kind})`, () => {
      const got = cell.kind === 'output' ? run(cell.code)
        : cell.kind === 'gclog' ? gclog(cell.code)
        : listing(compile(parse(cell.code, '=notebook')), false).replace(/^\n/, '');
      assert.fixture(got, cell.expected);
    });
  }
}

test.run();
