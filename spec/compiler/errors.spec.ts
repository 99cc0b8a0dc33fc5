/**
 * Compile-time errors (manual §3.3.4 goto and labels, §3.3.7 attributes,
 * §3.5 visibility; limits of lparser.c/lcode.c): every message the compiler
 * raises, with the line and `near` part that luac prints. The expected
 * messages were recorded by running `luac5.4 -p x.lua` (5.4.4) and Lua
 * 5.4.8's `loadfile` on the same sources; both print the same text.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, LuaSyntaxError } from '../../src/parser/index.ts';
import { compile } from '../../src/compiler/index.ts';

function compileError(source: string): string {
  try {
    compile(parse(source, '@x.lua'));
  } catch (e) {
    assert.instance(e, LuaSyntaxError);
    return (e as Error).message;
  }
  return 'no error';
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const CASES: [string, string, string][] = [
  ['§3.3.4 goto without a visible label', 'goto nowhere\n',
    "x.lua:2: no visible label 'nowhere' for <goto> at line 1"],
  ['§3.3.4 goto into the scope of a local', 'do\n  goto l1\n  local x = 1\n  ::l1::\n  print(x)\nend\n',
    "x.lua:5: <goto l1> at line 2 jumps into the scope of local 'x'"],
  ['§3.3.4 goto into a local scope of repeat (until sees it)',
    'for i = 1, 10 do\n  goto cont\n  local z = 1\n  ::cont::\nend\nrepeat\n  goto c2\n  local w = 1\n  ::c2::\nuntil w\n',
    "x.lua:10: <goto c2> at line 7 jumps into the scope of local 'w'"],
  ['§3.3.4 label defined twice (the later one is declared first)', '::a::\n::a::\n',
    "x.lua:3: label 'a' already defined on line 2"],
  ['§3.3.4 break outside a loop', 'break\n', 'x.lua:2: break outside loop at line 1'],
  ['§3.3.4 goto out of a function body', 'local function f()\n  goto x\nend\nlocal y = 1\n',
    "x.lua:4: no visible label 'x' for <goto> at line 2"],
  ['§3.3.7 assignment to a compile-time constant', 'local x <const> = 1\nx = 2\n',
    "x.lua:2: attempt to assign to const variable 'x'"],
  ['§3.3.7 assignment to a const upvalue', 'local function f()\n  local y <const> = {}\n  return function() y = 1 end\nend\n',
    "x.lua:3: attempt to assign to const variable 'y'"],
  ['§3.3.7 function statement assigning a const', 'local c <const> = 1\nfunction c()\nend\n\nlocal z = 2\n',
    "x.lua:5: attempt to assign to const variable 'c'"],
  ['§3.3.7 const in a multiple assignment', 'for i = 1, 3 do\n  local a <const> = 1\n  a, i = 2, 3\nend\n',
    "x.lua:3: attempt to assign to const variable 'a'"],
  ['§3.3.7 const initialised from a variable', 'local x <close> = nil\nlocal y <const> = x\ny = 1\n',
    "x.lua:3: attempt to assign to const variable 'y'"],
  ['§3.3.7 two to-be-closed variables', 'local x <close>, y <close> = 1, 2\n',
    'x.lua:1: multiple to-be-closed variables in local list'],
  ['§3.3.7 unknown attribute', 'local x <foo> = 1\n', "x.lua:1: unknown attribute 'foo'"],
  ['limit: 200 locals in the main function', `local ${range(201).map((i) => `a${i}`).join(', ')}\n`,
    'x.lua:2: too many local variables (limit is 200) in main function near <eof>'],
  ['limit: 200 locals in a function', `function f()\n${range(201).map((i) => `local a${i}`).join('\n')}\nend\n`,
    "x.lua:203: too many local variables (limit is 200) in function at line 1 near 'end'"],
  ['limit: 255 upvalues',
    `${range(150).map((i) => `local a${i} = ${i}`).join('\n')}\nlocal function f()\n` +
    `${range(150).map((i) => `local b${i} = ${i}`).join('\n')}\n` +
    `  return function() return ${[...range(150).map((i) => `a${i}`), ...range(150).map((i) => `b${i}`)].join(' + ')} end\nend\n`,
    "x.lua:302: too many upvalues (limit is 255) in function at line 302 near '+'"],
  ['limit: registers for call arguments', `local t = {}\nlocal x = (t[0] or t[0])\nf(${range(300).map(() => 'a').join(', ')})\n`,
    "x.lua:3: function or expression needs too many registers near 'a'"],
  ['limit: registers with many locals',
    `local ${range(199).map((i) => `a${i}`).join(', ')}\nlocal x = a0 .. (a1 .. a2)\n` +
    `return f(${range(60).map((i) => i + 1).join(',')})\n`,
    "x.lua:3: function or expression needs too many registers near '55'"],
];

for (const [name, source, message] of CASES) {
  test(name, () => {
    assert.is(compileError(source), message);
  });
}

test.run();
