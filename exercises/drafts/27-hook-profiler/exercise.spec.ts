/**
 * Exercise 27 (12 · Coursework): hook-profiler. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

import * as fs from 'node:fs';
const src = fs.readFileSync(new URL('./profile.lua', import.meta.url), 'utf8');

test('counts calls by name', () => {
  assert.is(run(src + `
    local function leaf() return 1 end
    local function fib(n) if n < 2 then return leaf() end return fib(n - 1) + fib(n - 2) end
    local p = profile(fib, 5)
    print(p.fib, p.leaf)`), '15\t8\n');
});

test('turns the hook off, even after an error', () => {
  assert.is(run(src + `
    print(pcall(profile, function() error("x", 0) end))
    print(debug.gethook())`), 'false\tx\n\n');
});

test.run();
