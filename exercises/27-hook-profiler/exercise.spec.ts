/**
 * Exercise 27 (10 · Performance): hook-profiler. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 * The expected counts are what lua5.4 prints for the same programs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import { run } from '../harness.ts';

const src = fs.readFileSync(new URL('./profile.lua', import.meta.url), 'utf8');

test('counts calls by name', () => {
  // the first call comes from pcall, a native: it has no name ("?")
  assert.is(run(src + `
    local function leaf() return 1 end
    local function fib(n) if n < 2 then return (leaf()) end return fib(n - 1) + fib(n - 2) end
    local p = profile(fib, 5)
    print(p.fib, p.leaf, p["?"])`), '14\t8\t1\n');
});

test('a tail-called function has no name', () => {
  assert.is(run(src + `
    local function loop(n) if n > 0 then return loop(n - 1) end end
    local p = profile(loop, 3)
    print(p.loop, p["?"])`), 'nil\t4\n');
});

test('methods count under their name', () => {
  assert.is(run(src + `
    local obj = {}
    function obj:m() return 1 end
    local p = profile(function() obj:m() obj.m(obj) end)
    print(p.m, p["?"])`), '2\t1\n');
});

test('turns the hook off, even after an error', () => {
  assert.is(run(src + `
    print(pcall(profile, function() error("x", 0) end))
    print(debug.gethook())`), 'false\tx\nnil\n');
});

test.run();
