/**
 * # The interactive loop (REPL)
 *
 * Responsibility: lua.c's `doREPL` on a terminal, with Node's line editor:
 * prompts `> ` and `>> ` (or the globals `_PROMPT`/`_PROMPT2`), a line
 * first tried as `return <line>` so that expressions print their values,
 * statements continued while the compiler reports an error at `<eof>`,
 * every result printed with `print`, errors with their traceback; arrow
 * keys edit and recall history, kept across sessions in a history file;
 * Ctrl-C interrupts a running chunk ("interrupted!") and keeps the state,
 * Ctrl-D ends the session. `.listing` toggles showing the bytecode of
 * each chunk before it runs, for learners.
 *
 * Manual: §7. PUC-Rio counterpart: `doREPL`, `loadline`, `addreturn`,
 * `multiline`, `incomplete`, `l_print` in `lua.c`.
 *
 * Invariants: a chunk runs as an asynchronous task (`runTraced`), so the
 * event loop sees SIGINT while Lua runs; the terminal leaves raw mode for
 * that time so that Ctrl-C is a signal, not a key. The terminal is
 * Node's (readline on the process's stdin); output, the history file and
 * the environment go through the state's platform.
 *
 * Read next: `lucid.ts`, `src/api/task.ts` (tasks and interrupts).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { tostringMeta, fromLuaString, toLuaString, type LuaState } from '../index.ts';
import { LuaError } from '../value/index.ts';
import { listing } from '../bytecode/listing.ts';
import { write as writeOut, flush as flushOut, writeError as writeErr } from './output.ts';
import { errorText, PROGNAME } from './report.ts';

const HISTORY_SIZE = 1000;

/** The history file's name, as bytes for the platform. */
function historyFile(state: LuaState): string {
  return state.platform.getenv('LUCID_HISTORY') ?? toLuaString(path.join(os.homedir(), '.lucid_history'));
}

/** History entries, newest first (one JSON string per line in the file, oldest first). */
function loadHistory(state: LuaState): string[] {
  try {
    const lines = fromLuaString(state.platform.readFile(historyFile(state))).split('\n').filter((l) => l !== '');
    return lines.map((l) => { try { return String(JSON.parse(l)); } catch { return l; } }).reverse().slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

function saveHistory(state: LuaState, entry: string): void {
  try {
    const f = state.platform.open(historyFile(state), 'a');
    try { f.write(toLuaString(JSON.stringify(entry) + '\n')); } finally { f.close(); }
  } catch { /* no history then */ }
}

/** The prompt: `_PROMPT`/`_PROMPT2` if set, else "> " / ">> " (get_prompt). */
function prompt(state: LuaState, first: boolean): string {
  const v = state.getGlobal(first ? '_PROMPT' : '_PROMPT2');
  if (v === undefined) return first ? '> ' : '>> ';
  const s = typeof v === 'string' ? v : tostringMeta(state.L, v);   // __tostring is honoured
  return fromLuaString(s);
}

/** Does a load error mean "the statement is not finished"? (lua.c's incomplete) */
function incomplete(e: unknown): boolean {
  return e instanceof LuaError && typeof e.value === 'string' && e.value.endsWith('<eof>');
}

/** Run the loop until Ctrl-D. */
export async function runRepl(state: LuaState): Promise<void> {
  const write = (bytes: string) => writeOut(state.platform, bytes);
  /** Prompts and lines read are JS text: out as UTF-8 bytes. */
  const writeText = (text: string) => write(toLuaString(text));
  const flush = () => flushOut(state.platform);
  const writeError = (s: string) => writeErr(state.platform, s);
  const history = loadHistory(state);
  const rl = readline.createInterface({
    input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true,
    history, historySize: HISTORY_SIZE, removeHistoryDuplicates: false,
  });
  let showListing = false;
  // lines arrive as events (a whole piped file may arrive at once): queue them
  const lines: string[] = [];
  let ended = false;
  let waiting: ((line: string | undefined) => void) | undefined;
  rl.on('line', (line) => {
    if (waiting) { const w = waiting; waiting = undefined; w(line); } else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    if (waiting) { const w = waiting; waiting = undefined; w(undefined); }
  });
  // Ctrl-C at the prompt abandons the line being typed
  rl.on('SIGINT', () => { write('\n'); flush(); rl.write(null, { ctrl: true, name: 'u' }); rl.prompt(); });
  const ask = (text: string) => new Promise<string | undefined>((resolve) => {
    // without a terminal, the prompt and the line read are written out, as
    // lua.c's line editor does
    const echo = (line: string | undefined) => {
      if (line !== undefined) writeText(line + '\n');
      flush();
      resolve(line);
    };
    if (lines.length > 0 || ended) {
      writeText(text);
      echo(lines.shift());
      return;
    }
    if (process.stdin.isTTY) { rl.setPrompt(text); rl.prompt(); waiting = resolve; return; }
    writeText(text); flush();
    waiting = echo;
  });
  const hist = (rl as unknown as { history?: string[] }).history;

  for (;;) {
    flush();
    const first = await ask(prompt(state, true));
    if (first === undefined) break;
    if (first.trim() === '.listing') {
      showListing = !showListing;
      write(`bytecode listings ${showListing ? 'on' : 'off'}\n`);
      continue;
    }
    // lua.c: a line is first tried as an expression whose values are printed
    let source = first.startsWith('=') ? 'return ' + first.slice(1) : first;   // 5.1-style '=' shortcut
    let chunk;
    try {
      chunk = state.load('return ' + source, '=stdin');
    } catch {
      // then as a statement, read on while it is incomplete
      for (;;) {
        try {
          chunk = state.load(source, '=stdin');
          break;
        } catch (e) {
          if (!incomplete(e)) { writeError(`${PROGNAME}: ${errorText(state, e)}\n`); chunk = undefined; break; }
          const more = await ask(prompt(state, false));
          if (more === undefined) {   // input ended inside a statement: its error stands
            writeError(`${PROGNAME}: ${errorText(state, e)}\n`);
            chunk = undefined;
            break;
          }
          source += '\n' + more;
        }
      }
    }
    // one history entry per statement, as lua.c adds the whole buffer
    if (hist && source.includes('\n')) {
      const lines = source.split('\n').length;
      hist.splice(0, lines, source.replace(/\n/g, ' '));
    }
    if (first.trim() !== '') saveHistory(state, source.replace(/\n/g, ' '));
    if (chunk === undefined) continue;
    if (showListing) write(listing(chunk.proto, false));
    await runChunk(state, rl, chunk);
  }
  write('\n');
  flush();
  rl.close();
}

/** Run one chunk as a task: Ctrl-C interrupts it; its results are printed. */
async function runChunk(state: LuaState, rl: readline.Interface, chunk: unknown): Promise<void> {
  const writeError = (s: string) => writeErr(state.platform, s);
  const tty = process.stdin.isTTY === true;
  const onSigint = () => state.interrupt();
  rl.pause();
  if (tty) process.stdin.setRawMode(false);
  process.on('SIGINT', onSigint);
  try {
    const results = await state.runTraced(chunk);
    if (results.length > 0) {
      const print = state.getGlobal('print');
      try {
        state.callLua(print, ...results);
      } catch (e) {
        writeError(`${PROGNAME}: error calling 'print' (${errorText(state, e)})\n`);
      }
    }
  } catch (e) {
    writeError(`${PROGNAME}: ${errorText(state, e)}\n`);
  } finally {
    process.off('SIGINT', onSigint);
    if (tty) process.stdin.setRawMode(true);
    rl.resume();
    flushOut(state.platform);
  }
}
