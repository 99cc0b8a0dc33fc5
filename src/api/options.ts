/**
 * # Checking a new state's options
 *
 * Responsibility: rejecting a `LuaStateOptions` object with a field of
 * the wrong type before the state is built, with a LuaError that names
 * the option (`bad option 'memoryLimit' to 'LuaState' (number expected,
 * got string)`), so that a typo in plain JavaScript is not silently
 * ignored nor turned into a TypeError deep inside the constructor.
 *
 * Manual: §4 (the host API), §5 (luaL_argerror's message shape).
 * PUC-Rio counterpart: none; `lua_newstate` takes no options.
 *
 * Invariant: a state whose options pass this check is built without a
 * JS exception from a bad option.
 *
 * Read next: `state.ts` (LuaStateOptions, the constructor), `guard.ts`.
 */
import { LuaError } from '../value/index.ts';

/** A JS value's kind, as the messages name it. */
function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** What each option must be: a test and its name in the message. */
const OPTION_TYPES: Record<string, [test: (v: unknown) => boolean, expected: string]> = {
  platform: [(v) => typeof v === 'object' && v !== null, 'object'],
  write: [(v) => typeof v === 'function', 'function'],
  libraries: [(v) => Array.isArray(v) && v.every((l) => typeof l === 'object' && l !== null && typeof l.open === 'function'), 'array of libraries'],
  libs: [(v) => Array.isArray(v) && v.every((n) => typeof n === 'string'), 'array of strings'],
  sandbox: [(v) => typeof v === 'boolean', 'boolean'],
  compat: [(v) => typeof v === 'boolean', 'boolean'],
  gcStress: [(v) => typeof v === 'boolean', 'boolean'],
  gcLog: [(v) => typeof v === 'function', 'function'],
  gcLogSteps: [(v) => typeof v === 'boolean', 'boolean'],
  memoryLimit: [(v) => typeof v === 'number' && v > 0, 'positive number'],
  strings: [(v) => v === 'text' || v === 'bytes', "'text' or 'bytes'"],
};

/** Throw a LuaError unless `options` is an object whose known fields have their types (undefined counts as absent). */
export function checkStateOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new LuaError(`bad argument #1 to 'LuaState' (options object expected, got ${kind(options)})`);
  }
  for (const [name, [test, expected]] of Object.entries(OPTION_TYPES)) {
    const v = (options as Record<string, unknown>)[name];
    if (v !== undefined && !test(v)) {
      throw new LuaError(`bad option '${name}' to 'LuaState' (${expected} expected, got ${typeof v === 'string' ? `'${v}'` : kind(v)})`);
    }
  }
}
