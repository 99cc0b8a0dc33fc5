/**
 * # The package library: require and its searchers
 *
 * Responsibility: `require`, `package.searchers`, `package.searchpath`,
 * `package.path`/`cpath` (from LUA_PATH_5_4 / LUA_PATH, with `;;` standing
 * for the default), `package.loaded`, `package.preload`, `package.config`,
 * and `package.loadlib`, which fails as it does in a PUC-Rio build without
 * dynamic libraries.
 *
 * Manual: §6.3. PUC-Rio counterpart: loadlib.c.
 *
 * Invariants:
 * - `require` and the searchers run Lua code (loaders, user searchers), so
 *   `require` is a generator native: each call is a request to the loop,
 *   never a JS recursion.
 * - `package.loaded` holds every standard library by name; this opener
 *   must therefore run after the others (src/index.ts imports it last).
 * - Files are the platform's (src/api/platform.ts): the Lua searcher and
 *   `searchpath` look in the state's file system (in a browser, its
 *   files in memory); `package.path` and `cpath` come from its
 *   environment.
 *
 * The C searchers look along `package.cpath` and report what they tried;
 * a host module they find there (on Node, a JavaScript module) is loaded
 * in place of a C library (jsmodule.ts).
 *
 * Read next: src/lib/base.ts (load, dofile), docs/vm.md (native functions).
 */
import { LuaClosure, LuaNative, type CallRequest, type LuaThread } from '../api/lua.ts';
import { native, nativeGen, loadChunk, type LuaState } from '../api/state.ts';
import { LoadError } from '../api/load.ts';
import { checkCString, optCString, cString, luaError } from '../api/auxlib.ts';
import { platformOf, type Platform } from '../api/platform.ts';
import { LuaTable, type Value } from '../value/index.ts';
import { moduleLoader, jsLoader, loadlibJS } from './jsmodule.ts';

const LUA_ROOT = '/usr/local/';
const LUA_LDIR = LUA_ROOT + 'share/lua/5.4/';
const LUA_CDIR = LUA_ROOT + 'lib/lua/5.4/';
/** luaconf.h's defaults for POSIX systems. */
const LUA_PATH_DEFAULT = `${LUA_LDIR}?.lua;${LUA_LDIR}?/init.lua;${LUA_CDIR}?.lua;${LUA_CDIR}?/init.lua;./?.lua;./?/init.lua`;
const LUA_CPATH_DEFAULT = `${LUA_CDIR}?.so;${LUA_CDIR}loadall.so;./?.so`;
const DLMSG = 'dynamic libraries not enabled; check your Lua installation';
/** The names of the standard libraries, as `package.loaded` lists them. */
const STANDARD = ['_G', 'coroutine', 'table', 'io', 'os', 'string', 'math', 'utf8', 'debug'];

/** `package.path` from the environment, `;;` replaced by the default. */
function envPath(platform: Platform, versioned: string, plain: string, dflt: string): string {
  const v = platform.getenv(versioned) ?? platform.getenv(plain);
  if (v === undefined) return dflt;
  if (!v.includes(';;')) return v;   // used as it is
  return v.replace(';;', `;${dflt};`).replace(/^;|;$/g, '');
}

/**
 * Look for `name` along `path` (`package.searchpath`) in the platform's
 * files: the file found, or the list of names tried as Lua words it
 * ("no file 'a'\n\tno file 'b'").
 */
export function searchPath(platform: Platform, name: string, path: string, sep = '.', rep = '/'): { file?: string; tried: string } {
  if (sep !== '') name = name.split(sep).join(rep);
  const tried: string[] = [];
  for (const template of path.split(';')) {
    const file = template.split('?').join(name);
    if (platform.readable(file)) return { file, tried: '' };
    tried.push(file);
  }
  return { tried: `no file '${tried.join("'\n\tno file '")}'` };
}

/*
 * The searchers and `require` reach the package table they were opened
 * with (PUC-Rio gives it to them as an upvalue), `package.loaded` and
 * `package.preload` through the registry: a program that sets the global
 * `package` to another table (the official attrib.lua does) changes
 * nothing for them.
 */

/** The registry's table `key` (`_LOADED`, `_PRELOAD`), which must be a table. */
function registryTable(L: LuaThread, key: string, what: string): LuaTable {
  const t = L.global.registry.get(key);
  if (!(t instanceof LuaTable)) luaError(L, `'package.${what}' must be a table`);
  return t;
}

function pathField(L: LuaThread, pkg: LuaTable, field: string): string {
  const v = pkg.get(field);
  if (typeof v !== 'string') luaError(L, `'package.${field}' must be a string`);
  return cString(v);   // read as a C string, like every name and path here
}

function searchpath(L: LuaThread, base: number, nargs: number): number {
  const name = checkCString(L, base, nargs, 1);
  const path = checkCString(L, base, nargs, 2);
  const r = searchPath(platformOf(L), name, path, optCString(L, base, nargs, 3, '.'), optCString(L, base, nargs, 4, '/'));
  if (r.file !== undefined) { L.push(r.file); return 1; }
  L.push(undefined);
  L.push(r.tried);
  return 2;
}

/** Searcher 1: `package.preload[name]`. */
function searcherPreload(L: LuaThread, base: number, nargs: number): number {
  const name = checkCString(L, base, nargs, 1);
  const preload = registryTable(L, '_PRELOAD', 'preload');
  const loader = preload.get(name);
  if (loader === undefined) { L.push(`no field package.preload['${name}']`); return 1; }
  L.push(loader);
  L.push(':preload:');
  return 2;
}

/** Searcher 2: a Lua file along `package.path`. */
function searcherLua(L: LuaThread, base: number, nargs: number, pkg: LuaTable): number {
  const name = checkCString(L, base, nargs, 1);
  const platform = platformOf(L);
  const r = searchPath(platform, name, pathField(L, pkg, 'path'));
  if (r.file === undefined) { L.push(r.tried); return 1; }
  let loader: LuaClosure;
  try {
    const text = platform.readFile(r.file);
    loader = loadChunk(L.global, text, '@' + r.file, 'bt', L.global.globals);
  } catch (e) {
    const msg = e instanceof LoadError ? e.message : `cannot read ${r.file}`;
    luaError(L, `error loading module '${name}' from file '${r.file}':\n\t${msg}`);
  }
  L.push(loader);
  L.push(r.file);
  return 2;
}

/** Searchers 3 and 4: native libraries along `package.cpath`, which this build cannot load. */
function searcherC(L: LuaThread, base: number, nargs: number, pkg: LuaTable): number {
  const name = checkCString(L, base, nargs, 1);
  const r = searchPath(platformOf(L), name, pathField(L, pkg, 'cpath'));
  if (r.file === undefined) { L.push(r.tried); return 1; }
  // a host module plays the part of a C library (src/lib/jsmodule.ts)
  const modules = moduleLoader(L, r.file);
  if (modules) { L.push(jsLoader(modules, name, r.file)); L.push(r.file); return 2; }
  luaError(L, `error loading module '${name}' from file '${r.file}':\n\t${DLMSG}`);
}

function searcherCroot(L: LuaThread, base: number, nargs: number, pkg: LuaTable): number {
  const name = checkCString(L, base, nargs, 1);
  const dot = name.indexOf('.');
  if (dot < 0) return 0;
  const r = searchPath(platformOf(L), name.slice(0, dot), pathField(L, pkg, 'cpath'));
  if (r.file === undefined) { L.push(r.tried); return 1; }
  const modules = moduleLoader(L, r.file);
  if (modules) { L.push(jsLoader(modules, name, r.file)); L.push(r.file); return 2; }
  luaError(L, `error loading module '${name}' from file '${r.file}':\n\t${DLMSG}`);
}

/** `require(name)` (ll_require and findloader). */
function* require(L: LuaThread, base: number, nargs: number, pkg: LuaTable): Generator<CallRequest, Value[], Value[]> {
  const name = checkCString(L, base, nargs, 1);
  const loaded = registryTable(L, '_LOADED', 'loaded');
  const already = loaded.get(name);
  if (already !== undefined && already !== false) return [already];
  const searchers = pkg.get('searchers');
  if (!(searchers instanceof LuaTable)) luaError(L, "'package.searchers' must be a table");
  let msg = '';
  let loader: Value;
  let data: Value;
  for (let i = 1; ; i++) {
    const searcher = searchers.getInt(i);
    if (searcher === undefined) luaError(L, `module '${name}' not found:${msg}`);
    const r = yield [searcher, name];
    if (r[0] instanceof LuaClosure || r[0] instanceof LuaNative) {
      loader = r[0];
      data = r[1];
      break;
    }
    if (typeof r[0] === 'string') msg += '\n\t' + r[0];
  }
  const result = (yield [loader, name, data])[0];
  if (result !== undefined) loaded.set(name, result);
  if (loaded.get(name) === undefined) loaded.set(name, true);
  return [loaded.get(name), data];
}

/** `package.loadlib`: host modules load (jsmodule.ts); shared libraries fail as without dlopen. */
function* loadlib(L: LuaThread, base: number, nargs: number): Generator<CallRequest, Value[], Value[]> {
  const file = checkCString(L, base, nargs, 1);
  const funcname = checkCString(L, base, nargs, 2);
  const modules = moduleLoader(L, file);
  if (modules) return yield* loadlibJS(modules, L, file, funcname);
  return [undefined, DLMSG, 'absent'];
}

/** Install the package library and `require`. */
export function openPackage(state: LuaState): void {
  const G = state.globals;
  const pkg = new LuaTable(state.global.heap);
  const loaded = new LuaTable(state.global.heap);
  for (const lib of STANDARD) {
    const t = G.get(lib);
    if (t !== undefined) loaded.set(lib, t);
  }
  loaded.set('package', pkg);
  const searchers = new LuaTable(state.global.heap);
  [searcherPreload, searcherLua, searcherC, searcherCroot].forEach((s, i) => {
    searchers.setInt(i + 1, native(s.name, (L, base, nargs) => s(L, base, nargs, pkg)));
  });
  pkg.set('loaded', loaded);
  const preload = new LuaTable(state.global.heap);
  pkg.set('preload', preload);
  // the registry keeps them too, under PUC-Rio's names (tracebacks look there)
  state.global.registry.set('_LOADED', loaded);
  state.global.registry.set('_PRELOAD', preload);
  pkg.set('searchers', searchers);
  pkg.set('path', envPath(state.platform, 'LUA_PATH_5_4', 'LUA_PATH', LUA_PATH_DEFAULT));
  pkg.set('cpath', envPath(state.platform, 'LUA_CPATH_5_4', 'LUA_CPATH', LUA_CPATH_DEFAULT));
  pkg.set('config', '/\n;\n?\n!\n-\n');
  pkg.set('searchpath', native('searchpath', searchpath));
  pkg.set('loadlib', nativeGen('loadlib', loadlib));
  G.set('package', pkg);
  G.set('require', nativeGen('require', (L, base, nargs) => require(L, base, nargs, pkg)));
}
