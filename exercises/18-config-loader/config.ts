/** Exercise 18: load a Lua configuration file into a JavaScript object. */
import { LuaState } from '../../src/index.ts';

export function loadConfig(source: string): Record<string, unknown> {
  // TODO
  return {};
}
