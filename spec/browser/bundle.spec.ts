/**
 * The browser bundle (issue 14): the core with the browser platform, as
 * `npm run build` writes it to dist/lucid.browser.js (the settings of
 * scripts/bundles.mjs, built here in memory), stays within its size budget
 * and runs in a real browser.
 *
 * Headless Chromium (./chromium.ts) loads a page from a small HTTP server
 * on 127.0.0.1 that imports the bundle as an ES module, as a web page
 * would, and runs Lua there: `print` reaches the platform's output hook, a
 * chunk's results come back as JS values, and an error comes out as a
 * LuaError with Lua's traceback.
 *
 * Manual: §4 (the API), §6.1 (print, error). Issue 14, "Browser".
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type * as esbuild from 'esbuild';
import { launchChromium } from './chromium.ts';

const root = path.resolve(import.meta.dirname, '../..');
/** The budget of issue 14: 150 KB gzipped. */
const BUDGET = 150 * 1024;

interface Bundles {
  loadEsbuild(): typeof esbuild;
  browserOptions(outfile: string): esbuild.BuildOptions;
}

/** The browser bundle and its source map, built as `npm run build` builds them. */
async function buildBundle(): Promise<{ js: Uint8Array; map: Uint8Array; inputs: string[] }> {
  const bundles = await import(pathToFileURL(path.join(root, 'scripts/bundles.mjs')).href) as Bundles;
  const out = path.join(root, 'dist', 'lucid.browser.js');
  const result = await bundles.loadEsbuild().build({ ...bundles.browserOptions(out), write: false });
  const file = (suffix: string) => result.outputFiles!.find((f) => f.path.endsWith(suffix))!.contents;
  return { js: file('.js'), map: file('.js.map'), inputs: Object.keys(result.metafile!.inputs) };
}

const built = buildBundle();

test('the browser bundle is within its budget and holds no Node platform', async () => {
  const { js, inputs } = await built;
  const gz = gzipSync(js, { level: 9 }).length;
  assert.ok(gz <= BUDGET, `the browser bundle is ${(gz / 1024).toFixed(1)} KB gzipped, over its budget of 150 KB`);
  assert.ok(inputs.includes('src/browser.ts'));
  assert.equal(inputs.filter((f) => /platform\/node|src\/cli\/|^node:/.test(f)), []);
});

/** A server of the page and the bundle on 127.0.0.1 (a free port). */
async function serve(files: Record<string, [string, Uint8Array | string]>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const entry = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!entry) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': entry[0] }).end(entry[1]);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>lucid</title>
<script type="module">
import { LuaState, LuaError, browserPlatform } from './lucid.browser.js';
let out = '';
const lua = new LuaState({ platform: browserPlatform({ stdout: (text) => { out += text; } }) });
lua.doString('print("hello from", _VERSION) print(1 + 1, nil, true)');
const results = lua.doString('return 6 * 7, "seven", 2^-1');
let error;
try {
  lua.callTraced(lua.load('local function f() error("boom") end\\nf()', '=page'));
} catch (e) {
  error = { isLuaError: e instanceof LuaError, message: String(e.message) };
}
window.done = { out, results, error };
</script>`;

test('a chunk runs in headless Chromium: print, results, an error with its traceback', async () => {
  const { js, map } = await built;
  const { url, server } = await serve({
    '/': ['text/html', PAGE],
    '/lucid.browser.js': ['text/javascript', js],
    '/lucid.browser.js.map': ['application/json', map],
  });
  const { browser, close } = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(url);
    // the functions run in the page, where `window` is the global object
    await page.waitForFunction(() => (globalThis as { done?: unknown }).done !== undefined, undefined, { timeout: 10_000 })
      .catch(() => { throw new Error(`the page did not finish: ${problems.join('\n')}`); });
    const done = await page.evaluate(() => (globalThis as { done?: unknown }).done) as {
      out: string; results: unknown[]; error: { isLuaError: boolean; message: string };
    };
    assert.equal(problems, []);
    assert.is(done.out, 'hello from\tLua 5.4\n2\tnil\ttrue\n');
    assert.equal(done.results, [42, 'seven', 0.5]);
    assert.ok(done.error.isLuaError, 'the error is a LuaError');
    assert.match(done.error.message, /^page:1: boom\nstack traceback:\n/);
    assert.match(done.error.message, /page:1: in (local|function) 'f'/);
    assert.match(done.error.message, /page:2: in main chunk/);
  } finally {
    await close();
    server.close();
  }
});

test.run();
