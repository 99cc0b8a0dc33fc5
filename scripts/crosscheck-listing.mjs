#!/usr/bin/env node
/**
 * # Cross-check lucid's bytecode against luac5.4
 *
 * Compiles Lua files twice, with lucid (parse + compile) and with
 * `luac5.4`, and compares the two prototype trees function by function
 * (functions paired in listing order). Reports the share of functions whose
 * instructions are identical (same 32-bit words: opcodes, registers,
 * constant indices, jumps) and, separately, the share whose whole
 * `luac -l -l` listing is identical (header, lines, constants, locals and
 * upvalues too), function addresses aside (docs/design.md §3).
 *
 * Usage:
 *   node scripts/crosscheck-listing.mjs [--suite DIR] [--dir DIR]... [--verbose] [files...]
 *
 * With no file and no --dir, the default sets are the official test suite
 * (the *.lua files of --suite DIR, or of $LUA_TESTS_DIR) and
 * lua-tests/**\/*.lua. --verbose prints, for each file, the first differing
 * line of the first function whose instructions differ and of the first
 * function that differs only in the rest of its listing. Without luac5.4 installed the
 * script says so and exits 0.
 *
 * luac's side goes through lucid's own chunk reader and lister (undump +
 * listing), which the bytecode specs prove identical to `luac5.4 -l -l`.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const root = new URL('..', import.meta.url);
const { undump } = await import(new URL('src/bytecode/undump.ts', root).href);
const { listHeader, listCode, listDebug, normalizeAddresses } =
  await import(new URL('src/bytecode/listing.ts', root).href);

function parseArgs(argv) {
  const opts = { suite: process.env.LUA_TESTS_DIR, dirs: [], files: [], verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--suite') opts.suite = argv[++i];
    else if (a === '--dir') opts.dirs.push(argv[++i]);
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/crosscheck-listing.mjs [--suite DIR] [--dir DIR]... [--verbose] [files...]');
      process.exit(0);
    } else opts.files.push(a);
  }
  return opts;
}

function luaFilesUnder(dir, recursive) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { if (recursive) out.push(...luaFilesUnder(path, true)); }
    else if (name.endsWith('.lua')) out.push(path);
  }
  return out;
}

function chooseFiles(opts) {
  const files = [...opts.files];
  for (const d of opts.dirs) files.push(...luaFilesUnder(d, true));
  if (files.length > 0) return files;
  if (opts.suite) files.push(...luaFilesUnder(opts.suite, false));
  else console.log('note: no --suite DIR and no LUA_TESTS_DIR: the official suite is not included');
  const local = new URL('lua-tests', root).pathname;
  if (existsSync(local)) files.push(...luaFilesUnder(local, true));
  return files;
}

/** Prototypes in listing order (preorder). */
function functionsOf(main) {
  const out = [];
  const visit = (f) => { out.push(f); f.protos.forEach(visit); };
  visit(main);
  return out;
}

/** Pseudo-addresses by listing order, so both sides print the same ones. */
function addressesOf(main) {
  const ids = new Map(functionsOf(main).map((f, i) => [f, i]));
  return (f) => '0x' + (ids.get(f) ?? 0).toString(16);
}

function sameCode(a, b) {
  if (a.code.length !== b.code.length) return false;
  for (let i = 0; i < a.code.length; i++) if (a.code[i] !== b.code[i]) return false;
  return true;
}

function fullText(f, addressOf) {
  return normalizeAddresses(listHeader(f, addressOf) + listCode(f, addressOf) + listDebug(f, addressOf));
}

function firstDifference(ours, theirs) {
  const a = ours.split('\n');
  const b = theirs.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `    line ${i + 1}:\n      lucid: ${JSON.stringify(a[i] ?? '<none>')}\n      luac:  ${JSON.stringify(b[i] ?? '<none>')}`;
    }
  }
  return '    (no textual difference)';
}

/** The first pc whose words differ, as listing lines plus the raw words (some fields are not printed). */
function firstCodeDifference(ours, theirs, ourAddr, theirAddr) {
  const a = normalizeAddresses(listCode(ours, ourAddr)).split('\n');
  const b = normalizeAddresses(listCode(theirs, theirAddr)).split('\n');
  const n = Math.max(ours.code.length, theirs.code.length);
  for (let pc = 0; pc < n; pc++) {
    if (ours.code[pc] !== theirs.code[pc]) {
      const hex = (w) => (w === undefined ? '<none>' : '0x' + w.toString(16).padStart(8, '0'));
      return `    pc ${pc + 1}:\n      lucid: ${JSON.stringify(a[pc] ?? '<none>')} ${hex(ours.code[pc])}\n` +
        `      luac:  ${JSON.stringify(b[pc] ?? '<none>')} ${hex(theirs.code[pc])}`;
    }
  }
  return '    (no difference)';
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const probe = spawnSync('luac5.4', ['-v']);
  if (probe.error) {
    console.log('crosscheck-listing: luac5.4 is not installed; nothing to compare (exit 0).');
    return;
  }
  let parse, compile;
  try {
    ({ parse } = await import(new URL('src/parser/index.ts', root).href));
    ({ compile } = await import(new URL('src/compiler/index.ts', root).href));
  } catch (e) {
    console.log(`crosscheck-listing: lucid's parser/compiler cannot be loaded (${e.message}).`);
    process.exitCode = 1;
    return;
  }
  const files = chooseFiles(opts);
  const tmp = mkdtempSync(join(tmpdir(), 'lucid-xcheck-'));
  const totals = { files: 0, functions: 0, code: 0, full: 0, lucidErrors: 0, luacErrors: 0 };
  try {
    for (const file of files) {
      const shown = relative(process.cwd(), file) || file;
      const out = join(tmp, 'x.luac');
      const luac = spawnSync('luac5.4', ['-o', out, file]);
      if (luac.status !== 0) {
        totals.luacErrors++;
        if (opts.verbose) console.log(`${shown}: luac5.4 rejects it (${luac.stderr.toString().trim()})`);
        continue;
      }
      totals.files++;
      const theirs = functionsOf(undump(readFileSync(out), '@' + file).proto);
      totals.functions += theirs.length;
      let ours;
      try {
        ours = functionsOf(compile(parse(readFileSync(file).toString('latin1'), '@' + file)));
      } catch (e) {
        totals.lucidErrors++;
        console.log(`${shown}: lucid fails: ${String(e.message ?? e).split('\n')[0]}`);
        continue;
      }
      const ourAddr = addressesOf(ours[0]);
      const theirAddr = addressesOf(theirs[0]);
      let code = 0, full = 0;
      let reportedCode = false, reportedFull = false;
      theirs.forEach((t, i) => {
        const o = ours[i];
        if (!o) return;
        const sameInstr = sameCode(o, t);
        const ourText = fullText(o, ourAddr);
        const theirText = fullText(t, theirAddr);
        if (sameInstr) code++;
        if (ourText === theirText) full++;
        if (!opts.verbose || ourText === theirText) return;
        // Report the first function whose instructions differ, and the first
        // one that differs only elsewhere (lines, locals...), once each.
        if (sameInstr ? reportedFull : reportedCode) return;
        if (sameInstr) reportedFull = true; else reportedCode = true;
        const what = sameInstr ? 'listing differs (instructions equal)' : 'instructions differ';
        console.log(`${shown}: function ${i} <${t.linedefined},${t.lastlinedefined}>: ${what}`);
        console.log(sameInstr ? firstDifference(ourText, theirText) : firstCodeDifference(o, t, ourAddr, theirAddr));
      });
      if (ours.length !== theirs.length && opts.verbose) {
        console.log(`${shown}: lucid made ${ours.length} functions, luac ${theirs.length}`);
      }
      totals.code += code;
      totals.full += full;
      if (!opts.verbose && code < theirs.length) {
        console.log(`${shown}: ${code}/${theirs.length} functions with identical instructions`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const pct = (n) => totals.functions ? (100 * n / totals.functions).toFixed(1) + '%' : 'n/a';
  console.log(`\nfiles compared: ${totals.files} (luac5.4 rejected ${totals.luacErrors}, lucid failed on ${totals.lucidErrors})`);
  console.log(`functions: ${totals.functions}`);
  console.log(`identical instructions: ${totals.code}/${totals.functions} (${pct(totals.code)})`);
  console.log(`identical full listings: ${totals.full}/${totals.functions} (${pct(totals.full)})`);
}

await main();
