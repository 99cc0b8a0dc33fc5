/**
 * The playground (issue 16) in a real browser: Debian's Chromium driven by
 * Playwright (spec/browser/chromium.ts) loads the page built from the
 * sources (scripts/playground.mjs, into a directory of its own), served by
 * a tiny static server on 127.0.0.1. It types a program, steps three
 * instructions and reads the registers, runs to the end and reads the
 * output, steps the collector in the weak-table example until the weak
 * entry disappears and the finalizer's output appears, and stops a
 * `while true do end`. On the way it saves the two screenshots the book
 * shows (docs/images/playground-stepping.png, playground-gc.png).
 *
 * Manual: §4.7 (hooks: stepping), §2.5 (the collector), §2.5.3-4
 * (finalizers, weak tables). Issue 16.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { buildPlayground } from '../../scripts/playground.mjs';
import { LuaState } from '../../src/index.ts';
import { listing } from '../../src/bytecode/listing.ts';
import { exampleById } from '../../playground/examples.ts';

const root = resolve(import.meta.dirname, '../..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.map': 'application/json' };

let dir = '';
let server: Server;
let base = '';
let browser: Browser;
let close: () => Promise<void>;
let page: Page;

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lucid-playground-'));
  await buildPlayground({ outdir: dir });
  server = createServer(async (req, res) => {
    const path = join(dir, normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    try {
      const file = path.endsWith('/') ? join(path, 'index.html') : path;
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404); res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  ({ browser, close } = await launchChromium());
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => { throw e; });
});

test.after(async () => {
  await close?.();
  server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const statusText = () => page.textContent('#status');
/** The rows of the registers panel, as "R0 a 10". */
const registerRows = async () => (await page.locator('#frames .pg-registers tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
const waitStatus = (s: string) => page.waitForSelector(`body[data-status="${s}"]`, { timeout: 10_000 });

test('the page loads, lists the first example and stops before its first instruction', async () => {
  const t0 = Date.now();
  await page.goto(base);
  await waitStatus('paused');
  console.log(`    page load to the first example compiled and stopped: ${Date.now() - t0} ms`);
  const listing = await page.textContent('#listing');
  assert.match(listing ?? '', /main <main\.lua:0,0>/);
  assert.match(listing ?? '', /VARARGPREP/);
  // each opcode links to the book's opcode table, and says what it does
  const href = await page.getAttribute('#listing .pg-ins a', 'href');
  assert.is(href, '../documents/3._The_instruction_set.html#the-opcodes');
  assert.match(await page.getAttribute('#listing .pg-ins a', 'title') ?? '', /^VARARGPREP: \S/);
  // the page names the chapter statically too, so the site's link check proves it exists
  assert.is(await page.getAttribute('h2 small a', 'href'), '../documents/3._The_instruction_set.html#the-opcodes');
});

test('the listing is what lucidc -l -l prints', async () => {
  const main = new LuaState().load(exampleById('closures')!.source, '@main.lua').proto;
  const shown = (await page.locator('#listing').innerText()).replace(/\s+/g, ' ').trim();
  assert.is(shown, listing(main, true).replace(/\s+/g, ' ').trim());
});

test('the listing and the source are linked both ways', async () => {
  // an instruction → its line
  await page.click('#listing .pg-ins:has-text("ADDI")');
  assert.is((await page.textContent('#editor .pg-linked'))?.trim(), 'n = n + 1');
  // a line → its instructions
  await page.click('#editor .cm-line:has-text("n = n + 1")');
  const linked = await page.locator('#listing .pg-ins.pg-linked').allInnerTexts();
  assert.ok(linked.length >= 3 && linked.every((r) => /\[6\]/.test(r)), linked.join(' | '));
});

test('upvalues: open while their frame lives, closed after', async () => {
  await page.click('#editor .cm-lineNumbers .cm-gutterElement:text-is("12")');
  await page.click('#continue');
  await page.locator('#status', { hasText: '(line 12)' }).waitFor();
  await page.click('#frames tr:has-text("c1") a');
  assert.ok((await page.locator('#table tr').allInnerTexts()).some((r) => /^U0\s+n\s+0\s+closed$/.test(r.trim())));
  await page.click('#editor .cm-lineNumbers .cm-gutterElement:text-is("12")');
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('local x = 1\nlocal function get() return x end\nprint(get())\n');
  await page.click('#reset');
  await waitStatus('paused');
  await page.click('#editor .cm-lineNumbers .cm-gutterElement:text-is("3")');
  await page.click('#continue');
  await page.locator('#status', { hasText: '(line 3)' }).waitFor();
  await page.click('#editor .cm-lineNumbers .cm-gutterElement:text-is("3")');
  await page.click('#frames tr:has-text("get") a');
  const rows = await page.locator('#table tr').allInnerTexts();
  assert.ok(rows.some((r) => /^U0\s+x\s+1\s+open \(stack slot \d+\)$/.test(r.trim())), rows.join(' | '));
});

test('a typed program: three instructions stepped, the registers shown by name', async () => {
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('local a = 10\nlocal b = 20\nlocal c = a + b\nprint("sum", c)\n');
  // the program is in the link
  const url = decodeURIComponent(String(await page.evaluate('location.hash')).replace(/\+/g, ' '));
  assert.ok(url.startsWith('#example=closures&code=local a = 10\nlocal b = 20\n'), url);
  await page.click('#reset');
  await waitStatus('paused');
  for (let i = 1; i <= 3; i++) {
    await page.click('#step');
    await page.locator('#status', { hasText: `; ${i} instructions run` }).waitFor();
  }
  const rows = await registerRows();
  assert.ok(rows.includes('R0 a 10'), rows.join(' | '));
  assert.ok(rows.includes('R1 b 20'), rows.join(' | '));
  assert.ok(rows.includes('R2 c 30'), rows.join(' | '));
  // the instruction about to run is marked in the listing, its line in the editor
  // (the ADD succeeded, so its MMBIN is skipped: next comes print)
  assert.match(await page.textContent('#listing .pg-current') ?? '', /GETTABUP/);
  assert.is(await page.textContent('#editor .pg-current'), 'print("sum", c)');
  await page.screenshot({ path: join(root, 'docs/images/playground-stepping.png') });
});

test('run to the end: the output (and the first run\'s time)', async () => {
  const t0 = Date.now();
  await page.click('#run');
  await waitStatus('done');
  const ms = Date.now() - t0;
  assert.is(await page.textContent('#output'), 'sum\t30\n');
  console.log(`    first run of a small program: ${ms} ms from the click to the output (${await statusText()})`);
});

test('a finalizer run by the GC buttons while stopped does not eat the next step', async () => {
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  // clear() overwrites the stack slots make() used, so nothing stale keeps its object alive
  await page.keyboard.insertText('local function make() setmetatable({}, {__gc = function() print("fin") end}) end\nmake()\n' +
    'local function clear() local a, b, c, d, e, f end\nclear()\nlocal x = 1\nlocal y = 2\n');
  await page.click('#reset');
  await waitStatus('paused');
  await page.click('#editor .cm-lineNumbers .cm-gutterElement:text-is("5")');
  await page.click('#continue');
  await page.locator('#status', { hasText: '(line 5)' }).waitFor();
  await page.click('#editor .cm-lineNumbers .cm-gutterElement:text-is("5")');
  await page.click('#gc-full');
  assert.is(await page.textContent('#output'), 'fin\n');
  // (the finalizer's own instructions are counted too)
  const before = Number(/(\d+) instructions run/.exec(await statusText() ?? '')?.[1]);
  await page.click('#step');
  await page.locator('#status', { hasText: `; ${before + 1} instructions run` }).waitFor({ timeout: 5000 });
});

test('an error: lucid\'s message and traceback', async () => {
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('local function f(t)\n  return t.x\nend\nf(nil)\n');
  await page.click('#run');
  await waitStatus('error');
  const err = await page.textContent('#error') ?? '';
  assert.match(err, /^main\.lua:2: attempt to index a nil value \(local 't'\)\nstack traceback:\n/);
  assert.match(err, /main\.lua:2: in (local 'f'|function 'f')/);
  assert.match(err, /main\.lua:4: in main chunk/);
});

test('the weak-table example: collector steps until the weak entry goes and the finalizer runs', async () => {
  await page.selectOption('#example', 'gc');
  await waitStatus('paused');
  // a breakpoint after the program's collectgarbage("step") (line 18): one step per Continue
  await page.click('#editor .cm-lineNumbers .cm-gutterElement:text-is("18")');
  let shot = false;
  let cleared = false;
  let barrier = false;
  // one round trip per look: the phase line, the event log, how many black nodes
  const look = () => page.evaluate(`({ phase: document.getElementById('gc-phase').textContent,
    log: document.getElementById('gc-log').textContent, black: document.querySelectorAll('#gc-graph .pg-black').length })`) as
    Promise<{ phase: string; log: string; black: number }>;
  for (let i = 0; i < 60 && !cleared; i++) {
    await page.click('#continue');
    await page.waitForSelector('body[data-status="paused"], body[data-status="done"]');
    if (i === 4) await page.click('#gc-step');  // and one from the button
    const { phase, log, black } = await look();
    if (!shot && /phase propagate/.test(phase) && black > 0) {
      await page.locator('#gc').screenshot({ path: join(root, 'docs/images/playground-gc.png') });
      shot = true;
    }
    cleared = /weak entry cleared: table \d+\["temp"\]/.test(log);
    barrier ||= /barrier \(back\): table \d+ was black/.test(log);
  }
  assert.ok(barrier, 'a barrier fired (keep.last = {steps}: a white table into a black one)');
  assert.ok(cleared, 'the weak entry was cleared');
  assert.ok(shot, 'a screenshot mid-cycle');
  // remove the breakpoint and run on: the finalizer has run by the end (in a step's
  // callfin phase, or at the latest in the program's last full collection)
  await page.click('#editor .cm-lineNumbers .cm-gutterElement:text-is("18")');
  await page.click('#continue');
  await waitStatus('done');
  assert.match(await page.textContent('#gc-log') ?? '', /finalizer runs: __gc of table \d+/);
  const out = await page.textContent('#output') ?? '';
  // either order: the finalizer runs in a step's callfin phase or in the last full collection
  assert.ok(/^temp gone after \d+ steps; kept is kept$/m.test(out) && /^finalizer ran$/m.test(out), out);
});

test('while true do end: Stop pauses it, the page stays responsive', async () => {
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('local n = 0\nwhile true do n = n + 1 end\n');
  await page.click('#run');
  await waitStatus('running');
  await page.waitForTimeout(300);
  await page.click('#stop');
  await waitStatus('paused');
  assert.match(await statusText() ?? '', /\(line 2\)/);
  // the loop really ran: n counted up
  const n = (await registerRows()).find((r) => r.startsWith('R0 n '));
  assert.ok(Number(n?.split(' ')[2]) > 1000, String(n));
});

test('the built page works opened from the disk (offline)', async () => {
  const local = await browser.newPage();
  await local.goto('file://' + join(dir, 'index.html') + '#example=coroutines');
  await local.waitForSelector('body[data-status="paused"]');
  await local.click('#run');
  await local.waitForSelector('body[data-status="done"]');
  assert.match(await local.textContent('#output') ?? '', /^got\t1\ngot\t2\ngot\t3\ntrue\t3\ntrue\t20\ndead\n$/);
  await local.close();
});

test.run();
