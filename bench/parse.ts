/**
 * # Parser benchmark
 *
 * Generates (deterministically, nothing is committed) about 1.2 MB of
 * ordinary Lua — functions, locals, tables, loops, conditionals, strings,
 * comments, arithmetic — parses it with `parse`, and prints:
 * - speed in KB of source per second (best of several runs, after warm-up);
 * - peak heap per source byte: the largest heap growth (live objects after
 *   a full GC) seen after each segment Ohm matches, when the token stream,
 *   the AST built so far and the segment's match are alive;
 * - the heap the finished AST retains per source byte.
 *
 * Run: `npm run bench:parse` (node --expose-gc --import tsx bench/parse.ts).
 * Targets (docs/parser.md): ≥ 300 KB/s and ≤ 600 bytes of heap per byte.
 */

import { pathToFileURL } from 'node:url';
import { parse } from '../src/parser/index.ts';

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ordinary Lua source of at least `size` bytes. */
export function generateLua(size: number): string {
  const r = rng(42);
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const names = ['count', 'total', 'value', 'item', 'node', 'list', 'result', 'index', 'key', 'name', 'data', 'acc'];
  const name = (): string => pick(names) + (r() < 0.5 ? '' : String(Math.floor(r() * 9)));
  const atom = (): string =>
    pick([
      () => name(),
      () => String(Math.floor(r() * 1000)),
      () => (r() * 100).toFixed(2),
      () => `"${pick(['hello', 'world', 'a\\tb', 'line\\n', 'key'])}"`,
      () => `${name()}.${name()}`,
      () => `${name()}[${Math.floor(r() * 10)}]`,
      () => `${name()}(${name()}, ${Math.floor(r() * 10)})`,
      () => `#${name()}`,
      () => 'nil',
      () => 'true',
    ])();
  const exp = (depth = 0): string => {
    if (depth > 2 || r() < 0.4) return atom();
    const op = pick(['+', '-', '*', '/', '..', '==', '<', 'and', 'or', '%', '//']);
    const e = `${exp(depth + 1)} ${op} ${exp(depth + 1)}`;
    return r() < 0.2 ? `(${e})` : e;
  };
  const table = (): string => {
    const fields = [];
    for (let i = 0, n = 1 + Math.floor(r() * 5); i < n; i++) {
      fields.push(pick([() => exp(1), () => `${name()} = ${exp(1)}`, () => `[${exp(2)}] = ${atom()}`])());
    }
    return `{ ${fields.join(', ')} }`;
  };
  const stat = (indent: string, depth: number): string => {
    const choices = [
      () => `local ${name()} = ${exp()}`,
      () => `${name()} = ${exp()}`,
      () => `${name()}.${name()} = ${table()}`,
      () => `print(${exp()}, ${exp()})`,
      () => `${name()}:${name()}(${exp()})`,
      () => `-- ${pick(['update the total', 'see above', 'TODO: faster'])}`,
    ];
    if (depth < 3) {
      const block = (): string => body(indent + '  ', depth + 1, 1 + Math.floor(r() * 4));
      choices.push(
        () => `if ${exp()} then\n${block()}${indent}else\n${block()}${indent}end`,
        () => `for i = 1, ${Math.floor(r() * 100)} do\n${block()}${indent}end`,
        () => `for k, v in pairs(${name()}) do\n${block()}${indent}end`,
        () => `while ${exp()} do\n${block()}${indent}end`,
        () => `local function ${name()}(a, b, ...)\n${block()}${indent}  return a + b, ...\n${indent}end`,
      );
    }
    return indent + pick(choices)() + '\n';
  };
  const body = (indent: string, depth: number, n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += stat(indent, depth);
    return s;
  };
  const parts: string[] = [];
  let length = 0;
  for (let f = 0; length < size; f++) {
    const text =
      `--[[ function number ${f} ]]\n` +
      `function module_${f}.${name()}(self, ${name()}, ${name()})\n${body('  ', 1, 6)}  return ${exp()}\nend\n\n`;
    parts.push(text);
    length += text.length;
  }
  return parts.join('');
}

/** The measurements (run when this file is the program). */
function main(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run bench:parse)');

  const source = generateLua(1_200_000);
  const kb = source.length / 1024;
  console.log(`source: ${source.length} bytes, ${source.split('\n').length} lines`);

  // Speed: warm up, then best of five. Wall-clock time, and the CPU time
  // of this process (steadier when other processes share the machine).
  parse(source, '=bench');
  let best = Infinity;
  let bestCpu = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    parse(source, '=bench');
    const cpu = process.cpuUsage(c);
    best = Math.min(best, performance.now() - t);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  console.log(`speed: ${(kb / (best / 1000)).toFixed(0)} KB/s wall clock (${best.toFixed(0)} ms for ${kb.toFixed(0)} KB)`);
  console.log(`       ${(kb / (bestCpu / 1000)).toFixed(0)} KB/s of CPU time (${bestCpu.toFixed(0)} ms)`);

  // Heap: after a full GC before parsing, and after each segment Ohm
  // matches (tokens, the AST built so far and that segment's match with
  // its memo table are alive there), and with the finished AST.
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const sample = (): void => {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  };
  const chunk = parse(source, '=bench', { onSegment: sample });
  sample();
  const perByte = (n: number): string => (n / source.length).toFixed(0);
  console.log(`peak heap: ${perByte(peak)} bytes per source byte (${(peak / 1048576).toFixed(0)} MB)`);
  gc();
  console.log(`AST alone: ${perByte(process.memoryUsage().heapUsed - base)} bytes per source byte`);
  void chunk;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
