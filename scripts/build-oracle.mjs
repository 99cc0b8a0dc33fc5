#!/usr/bin/env node
/**
 * `npm run oracle:build -- [--from PATH] [--version 5.4.8]`: builds the real
 * Lua the fuzzer and the conformance runner compare lucid with, from
 * PUC-Rio's official sources, with the flags of the release makefile
 * (`-O2 -DLUA_COMPAT_5_3 -DLUA_USE_LINUX`, linked with `-lm -ldl -Wl,-E`),
 * and caches the interpreter outside the repository, at
 * `~/.cache/lucid/lua-VERSION/lua` (scripts/fuzz/oracle.mjs looks there).
 *
 * PATH is one of:
 *   - a git repository of lua/lua (a clone or a bare mirror): the sources
 *     are taken with `git archive vVERSION`;
 *   - a folder holding the sources (`lapi.c` … `lua.c`), such as the `src/`
 *     of the release tarball;
 *   - a release tarball (`lua-5.4.8.tar.gz`).
 * Without --from, the script tries `git clone` of https://github.com/lua/lua;
 * when that fails too it says so and exits with status 1: the fuzzer then
 * falls back to the system `lua5.4`, or to the recorded outputs.
 *
 * Nothing is written inside the repository, and the sources are never kept.
 * Needs a C compiler (`cc`, or CC=...) and make-free: the files are compiled
 * in one command, which is all the release makefile does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, copyFileSync, chmodSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
let from; let version = '5.4.8'; let force = false;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--from') from = argv[++i];
  else if (argv[i] === '--version') version = argv[++i];
  else if (argv[i] === '--force') force = true;
  else { console.error(`unknown argument ${argv[i]}\nusage: build-oracle.mjs [--from PATH] [--version 5.4.8] [--force]`); process.exit(2); }
}

const target = join(homedir(), '.cache', 'lucid', `lua-${version}`);
const binary = join(target, 'lua');
if (existsSync(binary) && !force) {
  console.log(`${binary} is already built (--force builds it again)`);
  process.exit(0);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

const work = mkdtempSync(join(tmpdir(), 'lucid-oracle-'));
try {
  const sources = join(work, 'src');
  mkdirSync(sources);
  const tag = `v${version}`;
  const fromGit = (repo) => {
    // `git archive` works on clones and on bare mirrors alike.
    const gitDir = existsSync(join(repo, '.git')) ? join(repo, '.git') : repo;
    const r = spawnSync('sh', ['-c', `git --git-dir="$1" archive "$2" | tar -x -C "$3"`, 'sh', gitDir, tag, sources], { encoding: 'utf8' });
    return r.status === 0 && existsSync(join(sources, 'lua.c'));
  };
  let ok = false;
  if (from) {
    if (!existsSync(from)) { console.error(`--from ${from}: no such file or folder`); process.exit(1); }
    if (statSync(from).isFile()) {
      ok = run('tar', ['-xzf', from, '-C', sources, '--strip-components=2', '--wildcards', '*/src/*']).ok;
    } else if (existsSync(join(from, 'lapi.c'))) {
      for (const f of readdirSync(from)) if (/\.[ch]$/.test(f)) copyFileSync(join(from, f), join(sources, f));
      ok = true;
    } else {
      ok = fromGit(from);
    }
  } else {
    const clone = join(work, 'clone');
    const r = run('git', ['clone', '--quiet', '--depth', '1', '--branch', tag, 'https://github.com/lua/lua', clone]);
    if (r.ok) ok = fromGit(clone);
    else console.error(`git clone of lua/lua failed:\n${r.out.trim()}`);
  }
  if (!ok || !existsSync(join(sources, 'lua.c'))) {
    console.error(`No Lua ${version} sources. Give a lua/lua repository, a source folder or a release tarball with --from.
Without this build, the fuzzer uses the system lua5.4 (apt-get install lua5.4) or the recorded outputs.`);
    process.exit(1);
  }
  // The files of the interpreter: everything but the one-file amalgamation,
  // the internal test library and the stand-alone compiler.
  const files = readdirSync(sources).filter((f) => f.endsWith('.c') && !['onelua.c', 'ltests.c', 'luac.c'].includes(f)).map((f) => join(sources, f));
  const cc = process.env.CC || 'cc';
  const defines = version.startsWith('5.4') ? ['-DLUA_COMPAT_5_3'] : [];
  mkdirSync(target, { recursive: true });
  const out = join(work, 'lua');
  const r = run(cc, ['-std=gnu99', '-O2', '-Wall', ...defines, '-DLUA_USE_LINUX', '-o', out, ...files, '-lm', '-ldl', '-Wl,-E']);
  if (!r.ok) { console.error(`compiling failed:\n${r.out}`); process.exit(1); }
  copyFileSync(out, binary);
  chmodSync(binary, 0o755);
  const v = run(binary, ['-v']);
  console.log(`built ${binary}: ${v.out.trim()}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
