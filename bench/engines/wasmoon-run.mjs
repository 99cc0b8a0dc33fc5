// wasmoon-run.mjs — run one Lua file on wasmoon (PUC-Rio Lua 5.4 compiled
// to WebAssembly), the way `lua file.lua args…` would: `arg` holds the
// script name at 0 and the arguments from 1, and print writes to stdout.
//
// Usage: node bench/engines/wasmoon-run.mjs file.lua [args…]
// Exit status 1 with the Lua error message on stderr when the chunk fails.
// bench/run.mjs starts this in its own process so that its time compares
// with the other engines' processes, startup included.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LuaFactory } from 'wasmoon';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: wasmoon-run.mjs file.lua [args...]\n');
  process.exit(2);
}

// Lua string literal for any JS string: every byte as a decimal escape, so
// quotes, backslashes and newlines in arguments need no special cases.
function luaQuote(text) {
  return '"' + [...Buffer.from(text)].map((byte) => '\\' + byte).join('') + '"';
}

const factory = new LuaFactory();
const engine = await factory.createEngine();
try {
  // print: Lua formats its arguments with tostring (so 1.0 stays "1.0"),
  // JS only writes the finished line. Output is buffered and written once.
  const out = [];
  engine.global.set('__bench_write', (line) => { out.push(line); });
  const argList = [file, ...args].map((value, index) => `[${index}] = ${luaQuote(value)}`);
  await engine.doString(`
    arg = { ${argList.join(', ')} }
    local write, tostring, select, concat = __bench_write, tostring, select, table.concat
    __bench_write = nil
    function print(...)
      local parts = {}
      for i = 1, select('#', ...) do parts[i] = tostring((select(i, ...))) end
      write(concat(parts, '\\t'))
    end
  `);
  // Mount the file so that error messages name it, as lua does.
  const name = basename(file);
  await factory.mountFile(name, readFileSync(file));
  try {
    await engine.doFile(name);
  } finally {
    if (out.length) process.stdout.write(out.join('\n') + '\n');
  }
} catch (error) {
  process.stderr.write(`wasmoon: ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
} finally {
  engine.global.close();
}
