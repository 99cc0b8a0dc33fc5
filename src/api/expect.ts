/**
 * # Typed getters: a global of the type TypeScript was promised
 *
 * Responsibility: the check behind `LuaState.getNumber`, `getInteger`,
 * `getString`, `getBoolean`, `getTable` and `getFunction`: the value of a
 * global in the JS type the method's signature names, or a LuaError that
 * says which global, what was expected and what was found.
 *
 * Manual: §4.1.3 (lua_tonumberx / lua_tointegerx / lua_toboolean and
 * their "is" tests), §5.1 (luaL_checknumber's messages). PUC-Rio
 * counterpart: `lauxlib.c` (luaL_checknumber, luaL_checkinteger,
 * luaL_checklstring, luaL_typeerror), without their coercion of numeric
 * strings: a TypeScript host asks for a type, not a conversion.
 *
 * Invariant: the value returned has the JS type of the getter's
 * signature; any other outcome is a LuaError.
 *
 * Read next: `state.ts` (the getters), `interop.ts` (the conversions).
 */
import { LuaClosure, LuaNative } from '../object/objects.ts';
import { LuaTable, LuaFloat, LuaError, type Value } from '../value/index.ts';
import { typeName } from './lua.ts';
import { fromLuaString } from './interop.ts';

/** What a typed getter asks for. */
export type Expected = 'number' | 'integer' | 'string' | 'boolean' | 'table' | 'function';

/**
 * `v` (the value of global `name`) in the JS shape of `expected`, or the
 * LuaError "getNumber('x'): number expected, got string". Functions and
 * tables are returned as Lua values (the caller converts a function).
 */
export function expectValue(method: string, name: string, v: Value, expected: Expected): unknown {
  const fail = (got: string): never => {
    throw new LuaError(`${method}('${name}'): ${expected} expected, got ${got}`);
  };
  switch (expected) {
    case 'number':
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      if (v instanceof LuaFloat) return v.n;
      break;
    case 'integer':
      // lucid keeps integers as integral JS numbers (or BigInts) and boxes integral floats
      if ((typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint') return v;
      if (v instanceof LuaFloat) {
        if (!Number.isInteger(v.n) || Math.abs(v.n) > 2 ** 63) fail(`a float with no integer representation (${v.n})`);
        return Number.isSafeInteger(v.n) ? v.n : BigInt(v.n);
      }
      if (typeof v === 'number') fail(`a float with no integer representation (${v})`);
      break;
    case 'string':
      if (typeof v === 'string') return fromLuaString(v);
      break;
    case 'boolean':
      if (typeof v === 'boolean') return v;
      break;
    case 'table':
      if (v instanceof LuaTable) return v;
      break;
    case 'function':
      if (v instanceof LuaClosure || v instanceof LuaNative) return v;
      break;
  }
  return fail(v === undefined ? 'nil' : typeName(v));
}
