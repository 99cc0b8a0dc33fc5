/**
 * Exercise 13 (7 · Collector): write-barrier. Fails until the exercise is solved;
 * scripts/exercises.mjs proves it fails without solution.patch and passes with it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../harness.ts';

/** Runs with the testing library `T` installed (the heap checks need it). */
const runT = (code: string) => run(code, { testlib: true });

/**
 * A program that steps the collector until table `t` is black (traversed)
 * while marking goes on, stores a new (white) table into it with STORE,
 * checks the heap, and finishes the cycle.
 */
const program = (store: string) => `
  collectgarbage("incremental", 200, 100, 6)
  collectgarbage("stop")
  local pad = {} for i = 1, 2000 do pad[i] = {} end   -- work left for the collector after t
  local t = {}
  T.gcstate("propagate")
  while T.gccolor(t) ~= "black" and T.gcstate() == "propagate" do collectgarbage("step", 0) end
  print(T.gcstate(), T.gccolor(t))
  ${store}
  T.checkmemory()          -- throws on a black object that refers to a white one
  collectgarbage()
  T.checkmemory()
  print("ok")`;

test('a string key stored into a black table keeps the invariant', () => {
  assert.is(runT(program('t.x = {}')), 'propagate\tblack\nok\n');
});

test('an integer key stored into a black table keeps the invariant', () => {
  assert.is(runT(program('t[1] = {}')), 'propagate\tblack\nok\n');
});

test('a table used as a key keeps the invariant too', () => {
  assert.is(runT(program('t[{}] = true')), 'propagate\tblack\nok\n');
});

test.run();
