/**
 * # lucid — the standalone interpreter (like `lua`)
 *
 * Responsibility: what lua.c does with its command line: open the
 * libraries, build the `arg` table, run LUA_INIT, the `-e`/`-l`/`-W`
 * options in order, the script with its arguments (or stdin), then the
 * REPL when asked or when stdin is a terminal; report uncaught errors on
 * stderr with a traceback, and exit with lua's status. At exit the state
 * is closed, so pending finalizers run.
 *
 * Manual: §7 (Lua standalone). PUC-Rio counterpart: `lua.c` (pmain,
 * runargs, handle_script, dolibrary, handle_luainit).
 *
 * Invariants: the state runs on a Node platform whose standard output is
 * buffered (src/platform/node.ts); scripts, LUA_INIT and the environment
 * come through that platform, as Lua's own files do; files are read as
 * bytes (latin1); messages are prefixed by the program name `lucid:`;
 * like `lua`, the collector runs in generational mode (docs/gc.md); chunks
 * run as tasks, in slices, so that Ctrl-C is seen (doChunk). Start-up
 * loads only what a script needs: the REPL (and Node's readline) is
 * imported when it starts (docs/cli.md, "Start-up").
 *
 * Read next: `options.ts`, `repl.ts`, `output.ts`.
 */
import { LuaState, LuaTable, LuaError, nodePlatform, type LuaClosure } from '../index.ts';
import type { Value } from '../value/index.ts';
import type { Collector } from '../value/collectable.ts';
import { luaToBytes, toLuaString } from '../api/interop.ts';
import { LUCID_VERSION, LUA_COPYRIGHT } from '../version.ts';
import { parseOptions, type Options } from './options.ts';
import { write, flush, writeError } from './output.ts';
import { gc } from '../api/gc.ts';
import { PROGNAME, report } from './report.ts';
import { cannotOpen } from '../lib/errno.ts';

/** The variables `-E` hides: the paths package.path and cpath would start from. */
const PATH_VARIABLES = ['LUA_PATH', 'LUA_PATH_5_4', 'LUA_CPATH', 'LUA_CPATH_5_4'];

/**
 * Load and call a chunk under the traceback handler; false (reported) on
 * error. It runs as a task, in slices, so that the event loop sees SIGINT:
 * the first Ctrl-C raises "interrupted!" in the running Lua code (lua.c's
 * laction and lstop), and, as there, it also gives the signal back its
 * default action, so a second one ends a program stuck in a long library
 * call that never reaches the check.
 */
async function doChunk(state: LuaState, data: Uint8Array | string, name: string, args: Value[] = []): Promise<boolean> {
  let f: LuaClosure;
  try {
    f = state.load(data, name);
  } catch (e) {
    report(state, e);
    return false;
  }
  const onSigint = () => { process.off('SIGINT', onSigint); state.interrupt(); };
  process.on('SIGINT', onSigint);
  try {
    await state.runTraced(f, ...args);
    return true;
  } catch (e) {
    report(state, e);
    return false;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `-l mod` / `-l g=mod`: global g (or the name before any '-') = require(mod). */
function doLibrary(state: LuaState, spec: string): Promise<boolean> {
  const eq = spec.indexOf('=');
  const modname = eq >= 0 ? spec.slice(eq + 1) : spec;
  let globname = eq >= 0 ? spec.slice(0, eq) : spec;
  if (eq < 0 && globname.includes('-')) globname = globname.slice(0, globname.indexOf('-'));
  const code = `local g, m = ... ; _ENV[g] = require(m)`;
  return doChunk(state, code, '=(command line)', [globname, modname]);
}

/** LUA_INIT_5_4 or LUA_INIT (the platform's environment): `@file` runs a file, anything else is a chunk. */
async function doInit(state: LuaState): Promise<boolean> {
  const env = state.platform;
  const name = env.getenv('LUA_INIT_5_4') !== undefined ? '=LUA_INIT_5_4' : '=LUA_INIT';
  const init = env.getenv('LUA_INIT_5_4') ?? env.getenv('LUA_INIT');
  if (init === undefined) return true;
  if (init[0] === '@') return doScript(state, init.slice(1), []);
  return doChunk(state, luaToBytes(init), name);
}

/**
 * The script's arguments: arg[1..#arg] of the global `arg` as it is when
 * the script starts (the options may have changed it), as lua.c's pushargs.
 */
function scriptArgs(state: LuaState): Value[] | undefined {
  const t = state.getGlobal('arg');
  if (!(t instanceof LuaTable)) return undefined;
  const out: Value[] = [];
  for (let i = 1; i <= t.length(); i++) out.push(t.getInt(i));
  return out;
}

/**
 * Run a script file of the platform (its name in bytes; stdin for `-`)
 * with its arguments (undefined: `arg` is not a table).
 */
async function doScript(state: LuaState, file: string | undefined, args: Value[] | undefined): Promise<boolean> {
  let text: string;
  try {
    text = file === undefined ? state.platform.stdin.readAll() : state.platform.readFile(file);
  } catch (e) {
    report(state, new LuaError(cannotOpen(file ?? 'stdin', e)));
    return false;
  }
  // a first line starting with '#' (a #! line) is skipped, keeping line numbers
  if (text[0] === '#') {
    const nl = text.indexOf('\n');
    text = nl < 0 ? '' : text[nl + 1] === '\x1b' ? text.slice(nl + 1) : '\n' + text.slice(nl + 1);
  }
  const data = luaToBytes(text);
  const name = file === undefined ? '=stdin' : '@' + file;
  if (args === undefined) {
    // lua.c loads the script first, then finds that it cannot pass the arguments
    try { state.load(data, name); } catch (e) { report(state, e); return false; }
    report(state, new LuaError("'arg' is not a table"));
    return false;
  }
  return doChunk(state, data, name, args);
}

/** The `arg` table: script at 0, its arguments after, the interpreter and options before. */
function argTable(heap: Collector, argv: string[], script: number): LuaTable {
  const t = new LuaTable(heap);
  const at = script === argv.length ? -1 : script;   // no script: the interpreter is arg[0]
  // the interpreter as it was started (lua.c's argv[0]), so a script can run it again
  t.set(-(at + 1), toLuaString(process.argv[1] ?? PROGNAME));
  for (let j = 0; j < argv.length; j++) t.set(j - at, toLuaString(argv[j]));
  return t;
}

/** Run the options `-e`, `-l`, `-W` in their order. */
async function runArgs(state: LuaState, argv: string[], script: number): Promise<boolean> {
  for (let i = 0; i < script; i++) {
    const a = argv[i];
    const opt = a[1];
    if (opt === 'e' || opt === 'l') {
      const value = a.length > 2 ? a.slice(2) : argv[++i];
      const ok = opt === 'e' ? await doChunk(state, value, '=(command line)') : await doLibrary(state, value);
      if (!ok) return false;
    } else if (opt === 'W') {
      state.global.warnOn = true;
    }
  }
  return true;
}

function printVersion(state: LuaState): void {
  write(state.platform, `${LUCID_VERSION}  ${LUA_COPYRIGHT}\n`);
  flush(state.platform);
}

/** The REPL, loaded when it starts: a script never pays for it. */
async function runRepl(state: LuaState): Promise<void> {
  const repl = await import('./repl.ts');
  await repl.runRepl(state);
}

/** lua.c's pmain; resolves to the exit status. */
async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, PROGNAME);
  if (!parsed.ok) { writeError(nodePlatform(), parsed.message); return 1; }
  const o: Options = parsed.options;
  if (o.testlib) process.env.LUCID_TESTLIB = '1';   // the switch src/lib/testlib.ts reads through the platform
  const platform = nodePlatform({ stdout: 'buffered', hideEnv: o.E ? PATH_VARIABLES : [] });
  // strict Lua 5.4 on request; the environment variable reaches lucids started by io.popen/os.execute too
  const compat = !o.noCompat && process.env.LUCID_COMPAT !== '0';
  const state = new LuaState({ platform, compat });
  gc(state.L, 'generational');   // lua.c's default mode (docs/gc.md), without compiling a chunk for it
  state.setGlobal('arg', argTable(state.global.heap, argv, o.script));
  if (o.trace) state.trace((line) => platform.stdout.write(line + '\n'));   // after the set-up above: the user's code only
  let ok = true;
  try {
    if (o.v) printVersion(state);
    if (!o.E) ok = await doInit(state);
    if (ok) ok = await runArgs(state, argv, o.script);
    if (ok && o.script < argv.length) {
      const name = argv[o.script];
      const stdin = name === '-' && argv[o.script - 1] !== '--';
      ok = await doScript(state, stdin ? undefined : toLuaString(name), scriptArgs(state));
    }
    if (ok && o.i) await runRepl(state);
    else if (ok && o.script === argv.length && !o.e && !o.v) {
      if (process.stdin.isTTY) { printVersion(state); await runRepl(state); }
      else ok = await doScript(state, undefined, []);
    }
  } finally {
    flush(platform);
  }
  try { state.close(); } catch (e) { report(state, e); }   // pending finalizers, as lua_close
  flush(platform);
  return ok ? 0 : 1;
}

// no top-level await: the program is also bundled as CommonJS (bin/lucid.cjs)
void main(process.argv.slice(2)).then((status) => { process.exitCode = status; });
