/**
 * Errors Lua meets while it reads a chunk (lparser.c raises them at once,
 * not after the whole text): a repeated label, a goto into the scope of a
 * local, a break or goto with nowhere to go (met where the function ends),
 * an assignment to a `<const>`/`<close>` variable, an unknown attribute,
 * too many local variables or upvalues. When such an error comes before a
 * syntax error, it is the one reported, at the line and token where Lua
 * meets it (§3.3.4, §3.3.7, §3.5). Most chunks here end in a syntax error;
 * the messages were recorded with Lua 5.4.8 (`load(chunk, "=test")`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { syntaxError } from './helpers.ts';

/** "p1, p2, ..., pn" (or joined with `sep`). */
const names = (prefix: string, n: number, sep = ', '): string =>
  Array.from({ length: n }, (_, i) => prefix + (i + 1)).join(sep);

/**
 * A function two levels down that uses `na` locals of the main chunk and
 * `nb` of the function between (declared by `decl`), then `extra`, each
 * as an upvalue; the chunk ends in a syntax error.
 */
const upvalues = (na: number, nb: number, extra = '', decl = names('b', nb)): string =>
  'local ' + names('a', na) + '\nfunction g()\n local ' + decl +
  '\n return function() local _ _ = ' + names('a', na, ' _ = ') + ' _ = ' + names('b', nb, ' _ = ') + extra + ' end end (';

/** [chunk, message of Lua 5.4.8] */
type Case = [string, string];

test("a repeated label is reported where the second one ends", () => {
  const cases: Case[] = [
    ['::a:: ::a:: x =', "test:1: label 'a' already defined on line 1"],
    ['::a:: do ::a:: end x =', "test:1: label 'a' already defined on line 1"],
    ['::a::\n::b::\n::a::\n x =', "test:4: label 'a' already defined on line 3"],
    ['::a:: ::b:: ;; ::a:: (', "test:1: label 'a' already defined on line 1"],
    ['local t = {function() ::a:: ::a:: end, (}', "test:1: label 'a' already defined on line 1"],
    ['do ::a:: end ::a:: x =', 'test:1: unexpected symbol near <eof>'],
    ['x = = 1 ::a:: ::a::', "test:1: unexpected symbol near '='"],
    ['::a:: x = = 1 ::a::', "test:1: unexpected symbol near '='"],
  ];
  for (const [chunk, message] of cases) assert.is(syntaxError(chunk), message, chunk.length > 80 ? chunk.slice(0, 80) + '...' : chunk);
});

test("a goto into the scope of a local is reported at its label", () => {
  const cases: Case[] = [
    ['goto l; local x; ::l:: print(x) x =', "test:1: <goto l> at line 1 jumps into the scope of local 'x'"],
    ['goto l\nlocal x\n::l::\nprint(x)\n(', "test:4: <goto l> at line 1 jumps into the scope of local 'x'"],
    ['goto l; local x; ::l:: ;; ::m:: x =', "test:1: <goto l> at line 1 jumps into the scope of local 'x'"],
    ['do goto l; local x; ::l:: end x =', 'test:1: unexpected symbol near <eof>'],
    ['goto l; do local x; ::l:: end (', 'test:1: unexpected symbol near <eof>'],
    ['repeat goto l; local x; ::l:: until x y =', "test:1: <goto l> at line 1 jumps into the scope of local 'x'"],
    ['while x do goto l; local y ::l:: ; ; end (', 'test:1: unexpected symbol near <eof>'],
    ['while x do goto l; local y ::l:: print(y) end (', "test:1: <goto l> at line 1 jumps into the scope of local 'y'"],
    ['local function f()\n  while true do\n    goto continue\n    local z = 1\n    ::continue::\n    print(z)\n  end\nend\n(', "test:6: <goto continue> at line 3 jumps into the scope of local 'z'"],
    ['goto l; local y; ::l:: ::l:: (', "test:1: <goto l> at line 1 jumps into the scope of local 'y'"],
    ['for i = 1, 2 do goto c; local x = 1; ::c:: end x =', 'test:1: unexpected symbol near <eof>'],
  ];
  for (const [chunk, message] of cases) assert.is(syntaxError(chunk), message, chunk.length > 80 ? chunk.slice(0, 80) + '...' : chunk);
});

test("a break or goto with nowhere to go is reported where its function ends", () => {
  const cases: Case[] = [
    ['local function f() break end x =', 'test:1: break outside loop at line 1'],
    ['local function f()\n break\nend\nx =', 'test:4: break outside loop at line 2'],
    ['local f = function()\nif x then break; ; end\nend\n\nx =', 'test:5: break outside loop at line 2'],
    ['local function f() goto nope end x =', "test:1: no visible label 'nope' for <goto> at line 1"],
    ['local function f()\n goto nope\nend\n\n x =', "test:5: no visible label 'nope' for <goto> at line 2"],
    ['local function f() goto x end local function g() ::x:: end (', "test:1: no visible label 'x' for <goto> at line 1"],
    ['for i = 1, 2 do local function f() break end end (', 'test:1: break outside loop at line 1'],
    ['local function f() goto l end return function() return ... end', "test:1: no visible label 'l' for <goto> at line 1"],
    ['break x =', 'test:1: unexpected symbol near <eof>'],
    ['for i = 1, 3 do\n  if i then break end\nend\nbreak\n(', 'test:5: unexpected symbol near <eof>'],
    ['local function f() goto l end (', "test:1: no visible label 'l' for <goto> at line 1"],
  ];
  for (const [chunk, message] of cases) assert.is(syntaxError(chunk), message, chunk.length > 80 ? chunk.slice(0, 80) + '...' : chunk);
});

test("an assignment to a const or close variable is reported at its = or ,", () => {
  const cases: Case[] = [
    ['local x <const> = 1; x = 2 y =', "test:1: attempt to assign to const variable 'x'"],
    ['local x <const> = 1\nx\n=\n2 y =', "test:3: attempt to assign to const variable 'x'"],
    ['local x <const> = 1; y, x = 2 y =', "test:1: attempt to assign to const variable 'x'"],
    ['local x <const> = 1; x, y = 2 y =', "test:1: attempt to assign to const variable 'x'"],
    ['local x <close> = nil; x = 2 (', "test:1: attempt to assign to const variable 'x'"],
    ['local x <const> = f(); function g() x = 1 end (', "test:1: attempt to assign to const variable 'x'"],
    ['local x <const> = 1; local function f() return function() x = 2 end end (', "test:1: attempt to assign to const variable 'x'"],
    ['local a <const> = 1; local b <close> = nil; b, a = 1, 2 (', "test:1: attempt to assign to const variable 'b'"],
    ['local x <const> = 1 x[1], x = 2 (', "test:1: attempt to assign to const variable 'x'"],
    ['local x <const> = 1 x.y = 2 (', 'test:1: unexpected symbol near <eof>'],
    ['local _ENV <const> = {} x = 1 (', 'test:1: unexpected symbol near <eof>'],
    ['local x <const> = 1 for x = 1, 2 do x = 3 end x = 1 (', "test:1: attempt to assign to const variable 'x'"],
    ['local x <const> = 1 local x = x x = 2 (', 'test:1: unexpected symbol near <eof>'],
    ['local x <close> = nil do local x = 1 x = 2 end x = 3 (', "test:1: attempt to assign to const variable 'x'"],
    ['local x <const> = 1 local t = {x = 1, [x] = 2} x = 3 (', "test:1: attempt to assign to const variable 'x'"],
  ];
  for (const [chunk, message] of cases) assert.is(syntaxError(chunk), message, chunk.length > 80 ? chunk.slice(0, 80) + '...' : chunk);
});

test("a function statement that assigns a const variable is reported after its end", () => {
  const cases: Case[] = [
    ['local x <const> = 1; function x() end (', "test:1: attempt to assign to const variable 'x'"],
    ['local x <const> = 1\nfunction x()\nend\n\n(', "test:5: attempt to assign to const variable 'x'"],
    ['local x <const> = 1; function x.y() end (', 'test:1: unexpected symbol near <eof>'],
    ['local x <const> = 1 function x:m() end (', 'test:1: unexpected symbol near <eof>'],
  ];
  for (const [chunk, message] of cases) assert.is(syntaxError(chunk), message, chunk.length > 80 ? chunk.slice(0, 80) + '...' : chunk);
});

test("attributes", () => {
  const cases: Case[] = [
    ['local x <foo> = 1 (', "test:1: unknown attribute 'foo'"],
    ['local x <const>, y <foo> = 1 (', "test:1: unknown attribute 'foo'"],
    ['local x <close>, y <close> = 1 x =', 'test:1: multiple to-be-closed variables in local list'],
    ['local x <const> = 1; x = 2; local y <foo> = 3', "test:1: attempt to assign to const variable 'x'"],
    ['goto l local x ::l:: local y <foo> = 3', "test:1: <goto l> at line 1 jumps into the scope of local 'x'"],
  ];
  for (const [chunk, message] of cases) assert.is(syntaxError(chunk), message, chunk.length > 80 ? chunk.slice(0, 80) + '...' : chunk);
});

test("the first error met wins over a later vararg error", () => {
  const cases: Case[] = [
    ['goto l local x ::l:: local function f() return ... end', "test:1: <goto l> at line 1 jumps into the scope of local 'x'"],
    ['local function f() goto l local x ::l:: return ... end', "test:1: <goto l> at line 1 jumps into the scope of local 'x'"],
  ];
  for (const [chunk, message] of cases) assert.is(syntaxError(chunk), message, chunk.length > 80 ? chunk.slice(0, 80) + '...' : chunk);
});

test("too many local variables in a nested function", () => {
  const cases: Case[] = [
    ['function f()\n local ' + names('a', 120) + '\n do local ' + names('b', 81) + ' end end (', "test:3: too many local variables (limit is 200) in function at line 1 near 'end'"],
    ['function f()\n local ' + names('a', 120) + '\n do local ' + names('b', 80) + ' end end (', 'test:3: unexpected symbol near <eof>'],
  ];
  for (const [chunk, message] of cases) assert.is(syntaxError(chunk), message, chunk.length > 80 ? chunk.slice(0, 80) + '...' : chunk);
});

test("too many upvalues", () => {
  const cases: Case[] = [
    [upvalues(150, 110), "test:4: too many upvalues (limit is 255) in function at line 4 near '_'"],
    [upvalues(150, 105), 'test:4: unexpected symbol near <eof>'],
    [upvalues(150, 104, ' _ = gl'), 'test:4: unexpected symbol near <eof>'],
    [upvalues(150, 105, ' _ = gl'), "test:4: too many upvalues (limit is 255) in function at line 4 near 'end'"],
    [upvalues(150, 104, ' _ = gl _ = a1 _ = b1'), 'test:4: unexpected symbol near <eof>'],
    [upvalues(150, 104, ' _ = a1\n _ = gl'), 'test:5: unexpected symbol near <eof>'],
    [upvalues(150, 110, '', names('b', 110, ' <const> = 1 local ') + ' <const> = 1'), 'test:4: unexpected symbol near <eof>'],
    [upvalues(150, 110, '', names('b', 110, " <const> = 'x' local ") + " <const> = 'x'"), 'test:4: unexpected symbol near <eof>'],
    [upvalues(150, 110, '', names('b', 110, ' <const> = -2 local ') + ' <const> = -2'), 'test:4: unexpected symbol near <eof>'],
    [upvalues(150, 110, '', names('b', 110, ' <const> = -0.0 local ') + ' <const> = -0.0'), "test:4: too many upvalues (limit is 255) in function at line 4 near '_'"],
    [upvalues(150, 110, '', names('b', 110, ' <const> = f() local ') + ' <const> = f()'), "test:4: too many upvalues (limit is 255) in function at line 4 near '_'"],
    [upvalues(150, 110, '', names('b', 110, ' <close> = nil local ') + ' <close> = nil'), "test:4: too many upvalues (limit is 255) in function at line 4 near '_'"],
  ];
  for (const [chunk, message] of cases) assert.is(syntaxError(chunk), message, chunk.length > 80 ? chunk.slice(0, 80) + '...' : chunk);
});

test.run();
