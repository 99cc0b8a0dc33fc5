/**
 * Deep nesting, parsed in-process (manual §3.3 and §3.4: blocks,
 * expressions, table constructors and function bodies nest to any depth;
 * PUC-Rio stops at LUAI_MAXCCALLS = 200 C levels with "C stack overflow").
 *
 * - Each nesting construct at luac's own limit: the deepest chunk
 *   `luac5.4 -p` accepts parses, and one level more fails with luac's
 *   message (the depths in BOUNDARIES were recorded from luac5.4 -p; the
 *   failing chunks of the error fixtures `cstack-*` and `deep-*` too).
 * - The nested path (src/parser/nested.ts), which matches a deep chunk
 *   from the inside out, builds exactly the AST of one match of the whole
 *   chunk, lines included, however finely it cuts.
 * - All of it happens in this process, quickly, and src/parser imports
 *   nothing of Node.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '../../src/parser/index.ts';
import { astToJSON } from '../../src/parser/json.ts';
import { syntaxError } from './helpers.ts';

/**
 * [prefix, repeated opening, middle, repeated closing, deepest depth
 * `luac5.4 -p` accepts]: the chunk is prefix + opening×n + middle +
 * closing×n. One level more is "C stack overflow" for each.
 */
const BOUNDARIES: [string, string, string, string, number][] = [
  ['local a; a', ',a', ' = 1', ',1', 196],                        // multiple assignment
  ['return ', '(', '1', ')', 196],                                 // parentheses
  ['return ', '{', '1', '}', 196],                                 // table constructors
  ['return ', '{[', '1', ']=1}', 196],                             // keyed fields
  ['return ', '{x=', '1', '}', 196],                               // named fields
  ['return ', 'f(', '1', ')', 196],                                // call arguments
  ['x = ', 't[', '1', ']', 196],                                   // indexing
  ['return ', 'a..', "'a'", '', 196],                              // concatenation chains
  ['return ', 'a^', 'a', '', 196],                                 // power chains
  ['return ', '- ', '1', '', 196],                                 // unary minus
  ['return ', 'not ', 'a', '', 196],                               // not
  ['return ', '#', 'a', '', 196],                                  // length
  ['', 'do ', '', 'end ', 198],                                    // blocks
  ['', 'while a do ', '', 'end ', 197],
  ['', 'if a then else ', '', 'end ', 197],
  ['', 'repeat ', '', 'until a ', 197],
  ['', 'function f () ', '', 'end ', 198],                         // function statements
  ['', 'local function f () ', '', 'end ', 198],
  ['return ', 'function () return ', '1', ' end', 98],             // function expressions
  ['return ', 'f({', '1', '})', 98],
  ['return ', '(1 + ', '1', ')', 98],
  ['return ', '1 .. (', '1', ')', 98],
];

const nest = ([prefix, open, middle, close]: (typeof BOUNDARIES)[number], n: number): string =>
  prefix + open.repeat(n) + middle + close.repeat(n);

test('every nesting construct parses to luac\'s limit, and fails one level deeper as luac', () => {
  for (const b of BOUNDARIES) {
    assert.is(syntaxError(nest(b, b[4])), 'no error', `${JSON.stringify(b[1])} × ${b[4]}`);
    assert.is(syntaxError(nest(b, b[4] + 1)), 'C stack overflow', `${JSON.stringify(b[1])} × ${b[4] + 1}`);
  }
});

test('chunks at the limit parse about as fast as flat chunks of the same length', () => {
  // Timed against flat chunks in the same run, so that a busy machine slows
  // both alike. (Deep chunks take about a third of the time of flat ones;
  // the child process this replaced took 0.5 s per deep chunk, a hundred
  // times a flat one.)
  const deep = BOUNDARIES.map((b) => nest(b, b[4]));
  const flat = deep.map((s) => 'local x\n' + 'x = f(1)\n'.repeat(Math.ceil(s.length / 9)));
  const time = (chunks: string[]): number => {
    const started = performance.now();
    for (const c of chunks) parse(c, '=test');
    return performance.now() - started;
  };
  time(flat); // warm up
  const [flatMs, deepMs] = [time(flat), time(deep)];
  assert.ok(deepMs < 3 * flatMs + 100, `deep ${deepMs.toFixed(0)} ms, flat ${flatMs.toFixed(0)} ms`);
});

test('load from a chunk run by lua5.4 (2 C levels in use) has one level less', () => {
  const parens = BOUNDARIES[1];
  assert.is(parse(nest(parens, 195), '=test', { cLevels: 2 }).kind, 'Chunk');
  assert.throws(() => parse(nest(parens, 196), '=test', { cLevels: 2 }), /C stack overflow/);
});

/** The AST as JSON (bigints and infinities written out), lines included. */
const json = (source: string, partLevels?: number): string =>
  astToJSON(parse(source, '=test', partLevels === undefined ? {} : { partLevels }), 0);

/** One chunk with every place an expression or a statement can nest in. */
const EVERYWHERE = `local t <const> = { 1, x = 2, [3] = 4; f(5), 'six', {7}, }
local function f (a, b, ...)
  local c <close> = nil
  if a then return (a)
  elseif b then a, b = b, (a + b) * 2 ^ -3 .. "x"
  else goto done end
  while not a do a = #t + -b end
  repeat local y = a[b][1].c:d(e)(f) until y or t { 8 } or f "s"
  for i = 1, 10, 2 do b = b // i % 3 >> 1 end
  for k, v in pairs(t) do t[k] = function (...) return ..., v end end
  do ::done:: ; end
  return ...
end
x.y.z = f(function () return { [f] = { f, { f } } } end)
print(((1)), {{}, {{}}}, -(-(1)), - - - 1, a and (b or (c and d)))
return t, f`;

test('the nested path builds the AST of one whole match, however finely it cuts', () => {
  const whole = json(EVERYWHERE);
  for (const levels of [1, 2, 3, 4, 8]) assert.is(json(EVERYWHERE, levels), whole, `parts ${levels} levels deep`);
});

test('a deep chunk keeps its AST and lines', () => {
  // Mixed constructs, one per line, 60 of each kind of level (over 180 in all).
  // (Too deep for one match on the default stack: compare cuts of two sizes.)
  const mixed = 'return ' + '(\n{\nf(\n'.repeat(60) + '1' + '\n)}\n)'.repeat(60);
  assert.is(json(mixed, 1), json(mixed));
  let node = (parse(mixed, '=test').body.statements[0] as { values: unknown[] }).values[0] as
    { kind: string; line: number; lastLine: number; expression?: unknown; fields?: { value: unknown }[]; args?: unknown[] };
  const lines: string[] = [];
  while (node.kind !== 'Integer') {
    lines.push(`${node.kind} ${node.line}-${node.lastLine}`);
    node = (node.expression ?? node.fields?.[0].value ?? node.args![0]) as typeof node;
  }
  assert.is(lines.length, 180);
  assert.equal(lines.slice(0, 3), ['Paren 1-301', 'Table 2-300', 'Call 3-300']);
  assert.equal(lines.slice(-3), ['Paren 178-183', 'Table 179-182', 'Call 180-182']);
  assert.is(node.line, 181);
  const c = parse('return ' + '{'.repeat(150) + '7' + '}'.repeat(150), '=test');
  let e = (c.body.statements[0] as { values: unknown[] }).values[0] as { kind: string; fields?: { value: unknown }[]; value?: unknown };
  let depth = 0;
  while (e.kind === 'Table') { e = e.fields![0].value as typeof e; depth++; }
  assert.is(depth, 150);
  assert.is(e.value, 7);
});

test('the chunks of lua-tests/ parse to the same AST through the nested path', () => {
  const root = fileURLToPath(new URL('../../lua-tests/', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.lua')) files.push(p);
    }
  };
  walk(root);
  assert.ok(files.length > 50, `${files.length} files`);
  for (const file of files) {
    const source = readFileSync(file, 'latin1');
    let whole: string;
    try {
      whole = json(source);
    } catch {
      continue; // a program that tests a syntax error
    }
    assert.is(json(source, 1), whole, file);
  }
});

test('a parse started while another is under way shares nothing with it', () => {
  const outer = 'function g() return 1 end\n'.repeat(20) + 'return ' + '('.repeat(100) + 'x' + ')'.repeat(100);
  const expected = json(outer);
  let inner = 0;
  const chunk = parse(outer, '=test', {
    onSegment: () => {
      inner++;
      parse('local a = {' + '{'.repeat(80) + '}'.repeat(80) + '}\nreturn a', '=inner');
    },
  });
  assert.ok(inner > 1);
  assert.is(astToJSON(chunk, 0), expected);
});

test('on a nearly exhausted stack, parse gives the right AST or a RangeError, nothing else', () => {
  // A shallow chunk that runs out of stack is parsed again in small slices;
  // close enough to the end of the stack even that fails, with a RangeError
  // (which the VM reports as a stack overflow).
  const source = 'return ' + 'f{'.repeat(20) + '1' + '}'.repeat(20);
  const expected = json(source);
  const outcomes = new Set<string>();
  const at = (depth: number): string => {
    if (depth > 0) return at(depth - 1);
    try {
      return json(source) === expected ? 'right AST' : 'wrong AST';
    } catch (e) {
      return e instanceof RangeError ? 'RangeError' : `other error: ${e}`;
    }
  };
  for (let depth = 0; ; depth += 40) {
    try {
      outcomes.add(at(depth));
    } catch (e) {
      if (e instanceof RangeError) break; // the recursion itself overflowed
      throw e;
    }
  }
  assert.ok(outcomes.has('right AST'));
  for (const o of outcomes) assert.ok(o === 'right AST' || o === 'RangeError', o);
});

test('the parser imports nothing of Node and starts no process', () => {
  const dir = fileURLToPath(new URL('../../src/parser/', import.meta.url));
  for (const file of readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f))) {
    const text = readFileSync(join(dir, file), 'utf8');
    assert.not.match(text, /from\s+['"]node:|import\(\s*['"]node:|\bprocess\./, file);
  }
});

test.run();
