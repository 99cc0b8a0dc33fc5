/**
 * The book's diagrams, drawn as SVG into docs/images/ from the small
 * descriptions below (boxes, arrows, labels), so that they stay text that a
 * diff can review. Each chapter shows its picture with a markdown image.
 *
 * Usage: node scripts/diagrams.mjs [--check]
 *   --check: change nothing; fail when a file of docs/images/ differs from
 *   what this script draws (spec/docs/diagrams.spec.ts runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

const FILL = { white: '#ffffff', gray: '#bdbdbd', black: '#303030', blue: '#dbe9f6', green: '#dcefd8', yellow: '#fbf1c7', red: '#f6d5d5' };
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One picture: `boxes` are [x, y, w, h, label, fill?], `arrows` are
 * [x1, y1, x2, y2, label?], `lines` are [x1, y1, x2, y2] (no arrowhead),
 * `notes` are [x, y, text] (free text, left-aligned).
 */
function svg(title, width, height, { boxes = [], arrows = [], lines = [], notes = [] }) {
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`);
  out.push(`<title>${esc(title)}</title>`);
  out.push('<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#333"/></marker></defs>');
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  for (const [x, y, w, h, label, fill = 'blue'] of boxes) {
    const f = FILL[fill] ?? fill;
    const ink = fill === 'black' ? '#fff' : '#111';
    out.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4" fill="${f}" stroke="#333"/>`);
    const lines = label.split('\n');
    lines.forEach((line, i) => {
      const ty = y + h / 2 + (i - (lines.length - 1) / 2) * 15 + 4;
      out.push(`<text x="${x + w / 2}" y="${ty}" text-anchor="middle" fill="${ink}">${esc(line)}</text>`);
    });
  }
  for (const [x1, y1, x2, y2, label] of arrows) {
    out.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#333" marker-end="url(#a)"/>`);
    if (label) out.push(`<text x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2 - 6}" text-anchor="middle" font-size="11" fill="#444">${esc(label)}</text>`);
  }
  for (const [x1, y1, x2, y2] of lines) out.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#333"/>`);
  for (const [x, y, text] of notes) out.push(`<text x="${x}" y="${y}" font-size="12" fill="#222">${esc(text)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** A row of equal cells from x, with labels. */
function row(x, y, w, h, labels, fill) {
  return labels.map((l, i) => [x + i * w, y, w, h, l, typeof fill === 'function' ? fill(i) : fill]);
}

export const DIAGRAMS = {
  'pipeline.svg': svg('From source to results', 900, 120, {
    boxes: [
      [10, 35, 110, 50, 'source bytes', 'yellow'],
      [170, 35, 110, 50, 'tokens\nparser/lexer.ts'],
      [330, 35, 110, 50, 'AST\nparser/ast.ts'],
      [490, 35, 120, 50, 'prototype\nbytecode/proto.ts'],
      [660, 35, 100, 50, 'closure\nobject/'],
      [810, 35, 80, 50, 'results', 'green'],
    ],
    arrows: [[120, 60, 170, 60, 'scan'], [280, 60, 330, 60, 'Ohm'], [440, 60, 490, 60, 'compile'],
      [610, 60, 660, 60, 'load'], [760, 60, 810, 60, 'execute']],
    notes: [[10, 20, 'lucidc --ast shows the AST; lucidc -l the prototype; lucid --trace the execution (chapter 1)']],
  }),
  'frames.svg': svg('The register window: frames on one stack', 760, 250, {
    boxes: [
      ...row(10, 60, 75, 40, ['f', 'R0', 'R1', 'R2', 'R3 = g', 'R4 = x\nR0', 'R1', 'R2', '...'],
        (i) => (i === 0 || i === 4 ? 'yellow' : i < 4 ? 'blue' : i < 8 ? 'green' : 'white')),
      [10, 150, 220, 40, 'frame 1 (caller, f)\nbase = 1', 'blue'],
      [330, 150, 220, 40, 'frame 2 (callee, g)\nbase = 5', 'green'],
    ],
    arrows: [[120, 150, 122, 100, 'base'], [420, 150, 422, 100, 'base']],
    notes: [
      [10, 30, 'LuaThread.stack: one JS array; a frame sees its registers as stack[base + r]'],
      [10, 225, 'CALL 3 2 ...: g and its argument x sit in the caller\'s top registers; the callee\'s window starts'],
      [10, 242, 'at its first argument, so arguments are never copied (src/object/objects.ts Frame, src/vm/call.ts)'],
    ],
  }),
  'upvalues.svg': svg('Upvalues, open and closed', 760, 230, {
    boxes: [
      [10, 70, 150, 40, 'closure g\nupvals[0]', 'blue'],
      [230, 20, 180, 50, 'UpVal (open)\nthread, index = 5', 'yellow'],
      [480, 20, 260, 50, 'stack[5]: the local x\nof the function that is running'],
      [230, 150, 180, 50, 'UpVal (closed)\nvalue = 42', 'green'],
    ],
    arrows: [[160, 80, 230, 45], [410, 45, 480, 45, 'reads, writes'], [160, 100, 230, 170], [320, 70, 320, 150, 'block ends: close']],
    notes: [[480, 175, 'after CLOSE (or RETURN) the value moves into'], [480, 192, 'the UpVal; every closure sharing it sees it']],
  }),
  'table.svg': svg('A table: array part, hash part, border', 760, 230, {
    boxes: [
      ...row(10, 50, 60, 34, ['10', '20', '30', '40'], 'blue'),
      ...row(10, 150, 95, 34, ['"x" → 1', '7.5 → true', 'f → "k"', '6 → "six"'], 'green'),
    ],
    arrows: [[250, 110, 250, 86]],
    notes: [
      [10, 35, 'array part: a JS array, key i at array[i - 1], last element never nil (src/value/table.ts)'],
      [260, 107, 'border: #t = array.length = 4 (key 5 is absent)'],
      [10, 140, 'hash part: a JS Map for every other key; 6 waits here until key 5 arrives, then moves to the array'],
      [10, 215, 't = {10, 20, 30, 40, x = 1, [7.5] = true, [f] = "k", [6] = "six"}'],
    ],
  }),
  'jumps.svg': svg('Jump lists: a pending exit patched later', 760, 210, {
    boxes: [
      [10, 30, 300, 30, '3  TEST      0 0', 'white'],
      [10, 62, 300, 30, '4  JMP       (end of list)', 'yellow'],
      [10, 94, 300, 30, '5  TEST      1 0', 'white'],
      [10, 126, 300, 30, '6  JMP       → 4 (list head)', 'yellow'],
      [10, 158, 300, 30, '7  ... (the target)', 'green'],
    ],
    arrows: [[310, 141, 360, 141], [360, 141, 360, 77], [360, 77, 312, 77], [470, 173, 312, 173, 'patched: both jump here']],
    notes: [[430, 40, 'if a and b then ... end: when a JMP is emitted'], [430, 58, 'for a false exit its target is unknown; the'], [430, 76, 'pending JMPs form a list through their own'], [430, 94, 'offsets, patched at once when the target is'], [430, 112, 'known (src/compiler/control.ts)']],
  }),
  'colours.svg': svg('Colours through a cycle', 800, 200, {
    boxes: [
      [10, 60, 140, 50, 'white\n(not reached)', 'white'],
      [230, 60, 160, 50, 'gray\n(reached, to traverse)', 'gray'],
      [470, 60, 140, 50, 'black\n(traversed)', 'black'],
      [650, 60, 140, 50, 'freed\n(white at sweep)', 'red'],
    ],
    arrows: [[150, 85, 230, 85, 'markValue'], [390, 85, 470, 85, 'propagate'], [540, 130, 310, 130, 'back barrier'],
      [720, 160, 720, 110]],
    lines: [[540, 110, 540, 130], [310, 130, 310, 110], [80, 110, 80, 160], [80, 160, 720, 160]],
    notes: [[10, 30, 'invariant: no black object refers to a white one (src/gc/mark.ts, src/gc/barrier.ts)'],
      [200, 185, 'still white after the atomic phase: the sweep frees it']],
  }),
  'ages.svg': svg('Object ages in generational mode', 860, 180, {
    boxes: [
      [10, 60, 100, 44, 'new', 'white'],
      [170, 60, 100, 44, 'survival', 'yellow'],
      [330, 60, 100, 44, 'old1', 'green'],
      [490, 60, 100, 44, 'old', 'blue'],
      [650, 10, 100, 44, 'touched1', 'red'],
      [650, 110, 100, 44, 'touched2', 'red'],
      [170, 130, 100, 40, 'old0', 'green'],
    ],
    arrows: [[110, 82, 170, 82, 'minor'], [270, 82, 330, 82, 'minor'], [430, 82, 490, 82, 'minor'],
      [590, 70, 650, 35, 'back barrier'], [700, 54, 700, 110, 'minor'], [650, 140, 590, 95, 'minor'],
      [270, 150, 330, 95, 'minor'], [20, 150, 170, 150, 'forward barrier']],
    notes: [[10, 25, 'a minor collection traverses only young objects (src/gc/generational.ts, docs/gc.md)']],
  }),
};

const check = process.argv.includes('--check');
if (import.meta.url === `file://${process.argv[1]}`) {
  const stale = [];
  for (const [name, text] of Object.entries(DIAGRAMS)) {
    const path = resolve(root, 'docs/images', name);
    let old = '';
    try { old = readFileSync(path, 'utf8'); } catch { /* new */ }
    if (old === text) continue;
    if (check) stale.push(name); else writeFileSync(path, text);
  }
  if (stale.length) { console.error(`stale diagrams (run node scripts/diagrams.mjs): ${stale.join(', ')}`); process.exit(1); }
}
