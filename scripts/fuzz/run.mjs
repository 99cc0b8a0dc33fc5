/**
 * Running generated programs in batches and comparing the outcomes.
 *
 * A batch is many programs in one file, run by driver.lua in one process,
 * so a thousand programs cost one start of lucid (about half a second)
 * instead of a thousand. The driver marks where each program starts and
 * whether it stopped with an error; parseSections() cuts the output back
 * into one outcome per program. When a process dies or hangs before the end,
 * the program it was running is charged with the crash (the marker before
 * each program is flushed) and the rest of the batch runs again in a new
 * process, so one bad program never hides the others.
 *
 * An outcome is { out, error } — what the program printed, and the message
 * it stopped with (undefined if it ran to the end) — or { crash } when the
 * process died or timed out in it. Addresses in both are masked
 * (maskAddresses), for both engines alike. A program keeps at most
 * PROGRAM_CAP bytes of output and a batch BATCH_CAP: an outcome cut there
 * has `truncated: true`, and is compared on what was kept.
 *
 * Read next: shrink.mjs (which reruns candidates through runAll), the
 * driver (driver.lua).
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runProgram, pool, maskAddresses } from '../lib/engines.mjs';

export const driver = resolve(import.meta.dirname, 'driver.lua');

/** Output kept per program, and per batch process (the rest is drained, not kept). */
export const PROGRAM_CAP = 4 * 1024 * 1024;
export const BATCH_CAP = 16 * 1024 * 1024;

const START = '\0\x01@@';
const ERROR = '\0\x01!!';

/** The text of a batch file for `programs` ([{ id, src }], src as latin1). */
export function batchText(programs) {
  return programs.map(({ id, src }) => `--@@FUZZ ${id} ${src.length}\n${src}`).join('');
}

/**
 * Cut a driver's stdout into outcomes. Returns { sections: Map id →
 * { out, error }, complete, last } where `last` is the program that was
 * running when the output stopped, if it stopped before the end.
 */
export function parseSections(stdout) {
  const sections = new Map();
  const pieces = stdout.split(START);
  let complete = false;
  let last;
  for (const piece of pieces.slice(1)) {
    const nl = piece.indexOf('\n');
    const id = piece.slice(0, nl);
    if (id === 'END') { complete = true; break; }
    let out = piece.slice(nl + 1);
    let error;
    const e = out.lastIndexOf(ERROR);
    if (e >= 0 && out.endsWith('\n')) {
      error = out.slice(e + ERROR.length, -1);
      out = out.slice(0, e);
    }
    sections.set(id, outcome(out, error));
    last = id;
  }
  if (!complete && last !== undefined) sections.delete(last);
  return { sections, complete, last: complete ? undefined : last };
}

/** An outcome with addresses masked and the output cut at PROGRAM_CAP. */
export function outcome(out, error, truncated = false) {
  if (out.length > PROGRAM_CAP) { out = out.slice(0, PROGRAM_CAP); truncated = true; }
  const o = { out: maskAddresses(out), error: error === undefined ? undefined : maskAddresses(error) };
  if (truncated) o.truncated = true;
  return o;
}

/**
 * Run `programs` on `engine` ('lucid' or an interpreter's path) in batches
 * of `batchSize`, `jobs` processes at a time. Resolves to a Map id → outcome.
 */
export async function runAll(engine, programs, { jobs = 2, batchSize = 200, timeout = 600_000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lucid-fuzz-'));
  const results = new Map();
  const chunks = [];
  for (let i = 0; i < programs.length; i += batchSize) chunks.push(programs.slice(i, i + batchSize));
  let serial = 0;
  try {
    await pool(chunks.map((chunk) => async () => {
      let rest = chunk;
      while (rest.length > 0) {
        const file = join(dir, `batch${++serial}.lua`);
        writeFileSync(file, Buffer.from(batchText(rest), 'latin1'));
        const run = await runProgram(engine, driver, { args: [file], cwd: dir, timeout, cap: BATCH_CAP });
        const { sections, complete, last } = parseSections(run.stdout);
        for (const [id, o] of sections) results.set(id, o);
        if (complete) break;
        // the process stopped inside `last` (or before the first program)
        const at = last === undefined ? 0 : rest.findIndex((p) => p.id === last);
        if (run.truncated) {
          // the batch's output filled BATCH_CAP inside this program: keep what it printed
          const piece = run.stdout.slice(run.stdout.lastIndexOf(START) + START.length);
          results.set(rest[at].id, outcome(piece.slice(piece.indexOf('\n') + 1), undefined, true));
        } else {
          const why = run.timedOut ? 'timed out' : `process ended (status ${run.status}): ${run.stderr.trim().slice(-2000)}`;
          results.set(rest[at].id, { crash: why });
        }
        rest = rest.slice(at + 1);
      }
    }), jobs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** Is this an outcome lucid must never have, whatever the oracle did? */
export function isInternalFailure(outcome) {
  if (outcome.crash) return true;
  const text = `${outcome.out}\n${outcome.error ?? ''}`;
  return /internal error|JavaScript|RangeError|TypeError: |ReferenceError/.test(text);
}

/**
 * Compare lucid's outcome with the oracle's. Returns undefined when they
 * agree, else { kind, detail }: kind is 'crash' (lucid died, hung or raised
 * a JavaScript error), 'error' (the error messages differ, or only one
 * failed), 'stdout' (what was printed differs) or 'truncated' (one
 * engine's output was cut and the other's not: nothing to say beyond the
 * part both kept, which agrees). Two truncated outputs that agree as far as
 * both go agree.
 */
export function compareOutcomes(oracle, lucid) {
  if (lucid.crash) return { kind: 'crash', detail: lucid.crash };
  if (isInternalFailure(lucid) && !isInternalFailure(oracle)) {
    return { kind: 'crash', detail: firstDifference(oracle.out + (oracle.error ?? ''), lucid.out + (lucid.error ?? '')) };
  }
  if (oracle.truncated || lucid.truncated) {
    // only what both kept can be compared; the cut itself is no difference
    const n = Math.min(oracle.out.length, lucid.out.length);
    const a = oracle.out.slice(0, n); const b = lucid.out.slice(0, n);
    if (a !== b) return { kind: 'stdout', detail: `${firstDifference(a, b)}\n  (output truncated: compared the first ${n} bytes)` };
    if (oracle.truncated && lucid.truncated) return undefined;
    return { kind: 'truncated', detail: `output truncated at ${n} bytes on ${oracle.truncated ? 'the oracle' : 'lucid'} only; the rest is not compared` };
  }
  if (lucid.out !== oracle.out) return { kind: 'stdout', detail: firstDifference(oracle.out, lucid.out) };
  if (lucid.error !== oracle.error) {
    return { kind: 'error', detail: `error: expected ${JSON.stringify(oracle.error ?? null)}\n  got:           ${JSON.stringify(lucid.error ?? null)}` };
  }
  return undefined;
}

/** The first differing line of two outputs, for reports. */
export function firstDifference(expected, got) {
  const a = expected.split('\n');
  const b = got.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const show = (s) => JSON.stringify((s ?? '<end>').slice(0, 300));
  return `line ${i + 1}: expected ${show(a[i])}\n  got:           ${show(b[i])}`;
}
