/**
 * The program generator: `generateProgram(seed, index)` gives the same tree
 * (ast.mjs) for the same pair on every machine. A program is the prelude —
 * `show` (a value as exact, address-free text: floats with 17 digits,
 * strings through %q, other objects by type name), `P` (print the count and
 * the shown values of its arguments), `S` (a value print can show without an
 * address) and `K` (a table's keys, shown and sorted) — then a random block
 * of statements and scenarios (statements.mjs, library.mjs).
 *
 * Read next: run.mjs, which runs the programs on both engines.
 */
import { Rng } from './prng.mjs';
import { Gen } from './expressions.mjs';
import { block } from './ast.mjs';
import './statements.mjs';
import './library.mjs';

export const PRELUDE = [
  `local function show(v)
  local t = math.type(v) or type(v)
  if t == "float" then return string.format("%.17g", v)
  elseif t == "string" then return string.format("%q", v)
  elseif t == "integer" or t == "boolean" or t == "nil" then return tostring(v)
  else return t end
end`,
  `local function P(...)
  local n, s = select("#", ...), {}
  for i = 1, n do s[i] = show((select(i, ...))) end
  print(n .. ":", table.concat(s, " "))
end`,
  `local function S(v)
  local t = type(v)
  if t == "number" or t == "string" or t == "boolean" or t == "nil" then return v end
  return t
end`,
  `local function K(t)
  local s = {}
  for k in pairs(t) do s[#s + 1] = show(k) end
  table.sort(s)
  P(table.concat(s, " "))
end`,
];

/** The random stream of program `index` of run `seed`. */
export function programRng(seed, index) {
  return new Rng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}

/** Program `index` of the run `seed`, as a tree. */
export function generateProgram(seed, index) {
  const g = new Gen(programRng(seed, index));
  g.budget = g.rng.range(4, 16);
  const items = [...PRELUDE];
  while (g.budget > 0) items.push(g.stmt(2));
  return block(items);
}
