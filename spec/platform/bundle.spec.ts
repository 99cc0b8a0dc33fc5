/**
 * src/browser.ts bundled for browsers (esbuild, platform "browser") runs
 * in a JavaScript context that has only what a web page has — no
 * `process`, no `Buffer`, no `setImmediate`, no Node modules: print
 * reaches the output callback, files live in memory, require finds a
 * module among them, and an asynchronous run pauses through the platform.
 *
 * Until the parser stops starting a child process for deep nesting, the
 * Node modules src/parser/deep.ts imports are replaced by stubs that throw;
 * a Node import anywhere else fails the bundle.
 *
 * Manual: §6.1 (print), §6.8 (io), §6.3 (require).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '../..');
// esbuild comes with tsx (bin/stamp.cjs bundles the programs with it too)
const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild') as typeof import('esbuild');

/** The stubs for the parser's child process, and only for it. */
const parserChildStub: import('esbuild').Plugin = {
  name: 'parser-child-stub',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_]+$/ }, (args) => {
      if (!/src[\\/]parser[\\/]deep/.test(args.importer)) return undefined;
      return { path: args.path, namespace: 'parser-child-stub' };
    });
    build.onLoad({ filter: /.*/, namespace: 'parser-child-stub' }, () => ({
      contents: 'const no = () => { throw new Error("no child processes in a browser"); };\n' +
        'export const spawnSync = no, createRequire = no, pathToFileURL = no, fileURLToPath = no, readFileSync = no;',
      loader: 'js',
    }));
  },
};

test('the browser bundle runs where there is no Node', async () => {
  const built = await esbuild.build({
    entryPoints: [path.join(root, 'src/browser.ts')], bundle: true, platform: 'browser', format: 'iife',
    globalName: 'lucid', write: false, logLevel: 'silent', plugins: [parserChildStub],
  });
  // what a web page offers (and what the bundle may use): no process, Buffer or setImmediate
  const page = vm.createContext({
    console, TextEncoder, TextDecoder, performance, setTimeout, clearTimeout, queueMicrotask, URL,
    FinalizationRegistry, WeakRef, MessageChannel, Intl,
  });
  vm.runInContext(built.outputFiles[0].text, page);
  let out = '';
  page.write = (text: string) => { out += text; };
  const results = await vm.runInContext(`(async () => {
    const lua = new lucid.LuaState({ platform: lucid.browserPlatform({ stdout: write, files: { 'm.lua': 'return { x = 42 }' } }) });
    lua.doString('local f = io.open("notes", "w") f:write("kept") f:close() print(require("m").x, io.open("notes"):read("a"))');
    return lua.run('local n = 0 for i = 1, 3e6 do n = n + 1 end print("looped", n) return n');
  })()`, page) as unknown[];
  assert.is(out, '42\tkept\nlooped\t3000000\n');
  assert.equal([...results], [3000000]);
});

test.run();
