/**
 * # The playground page: wiring the editor, the listing, the machine and the panels
 *
 * Responsibility: the page's controls and what each one does — pick an
 * example, edit, run / step an instruction / step a line / continue to a
 * breakpoint / stop / reset, one collector step or a full cycle — and
 * keeping every view in step with the machine after each change. The
 * program and the example are kept in the URL fragment (`url-state.ts`).
 *
 * Manual: none (a page of the book). PUC-Rio counterpart: none.
 *
 * Invariant: a machine is made from the editor's text (Reset, or the
 * first action after an edit); edits never change a machine that runs.
 *
 * Read next: `machine.ts`, `editor.ts`, `listing.ts`, `panels.ts`,
 * `gc-view.ts`, `url-state.ts`.
 */
import type { Proto } from '../src/browser.ts';
import { EXAMPLES, exampleById } from './examples.ts';
import { readFragment, writeFragment } from './url-state.ts';
import { Editor } from './editor.ts';
import { Listing } from './listing.ts';
import { Machine, type StepMode } from './machine.ts';
import { ObjectNames, showFrames, showTable, stopLocation, type Inspectable } from './panels.ts';
import { GcView } from './gc-view.ts';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

const names = new ObjectNames();
const initial = readFragment(location.hash);
let exampleId = initial.example;
let machine: Machine;
let stale = false;            // the text changed since the machine was made
let inspected: Inspectable | undefined;
let output = '';

const picker = $<HTMLSelectElement>('example');
for (const e of EXAMPLES) picker.append(new Option(e.title, e.id));
picker.value = exampleId;

const editor = new Editor($('editor'), initial.code, {
  changed(text) {
    stale = true;
    history.replaceState(null, '', writeFragment({ example: exampleId, code: text }));
    setStatus('edited: the next action starts the new program');
  },
  selectLine(line) {
    listing.markLine(line);
    listing.markSelected(undefined, -1);
  },
  toggleBreakpoint(line) {
    const bps = machine.breakpoints;
    if (bps.has(line)) bps.delete(line); else bps.add(line);
    markEditor();
  },
});

const listing = new Listing($('listing'), {
  selectInstruction(proto: Proto, pc: number, line: number) {
    listing.markSelected(proto, pc);
    listing.markLine(undefined);
    editor.mark({ ...currentMarks(), linked: [line] });
  },
});

const gcView = new GcView($('gc'), names);

function setStatus(text: string): void { $('status').textContent = text; }

function currentMarks() {
  const loc = machine.status === 'paused' ? stopLocation(machine.stoppedAt) : undefined;
  return { current: loc?.line, breakpoints: machine.breakpoints };
}

function markEditor(): void { editor.mark(currentMarks()); }

/** A new machine from the editor's text (breakpoints carried over unless it is another program). */
function reset(keepBreakpoints = true): void {
  const breakpoints = keepBreakpoints ? machine?.breakpoints : undefined;
  machine?.dispose();
  output = '';
  inspected = undefined;
  machine = new Machine(editor.text, {
    stdout(text) { output += text; },
    changed: refresh,
    slice() { gcView.sample(machine); $('output').textContent = output; },
  });
  if (breakpoints) for (const b of breakpoints) machine.breakpoints.add(b);
  stale = false;
  listing.show(machine.main?.proto);
  gcView.attach(machine);
  // start it: the machine stops before its first instruction
  machine.go('instr');
  refresh();
}

/** Show everything about the machine as it is now. */
function refresh(): void {
  $('output').textContent = output;
  const err = $('error');
  err.textContent = machine.error ?? '';
  err.hidden = machine.error === undefined;
  const loc = machine.status === 'paused' ? stopLocation(machine.stoppedAt) : undefined;
  listing.markCurrent(loc?.proto, loc?.pc ?? -1);
  markEditor();
  showFrames($('frames'), machine.status === 'paused' ? machine.stoppedAt : undefined, names, selectTable);
  showTable($('table'), inspected, names, selectTable);
  gcView.refresh(machine);
  const where = loc ? ` before instruction ${loc.pc + 1} (line ${loc.line})` : '';
  const s = machine.status;
  setStatus(s === 'running' ? 'running…' : s === 'paused' ? `paused${where}; ${machine.instructions} instructions run`
    : s === 'done' ? `finished: ${machine.instructions} instructions in ${machine.elapsed.toFixed(0)} ms`
      : 'error');
  document.body.dataset.status = s;
  for (const id of ['run', 'step', 'step-line', 'continue']) ($(id) as HTMLButtonElement).disabled = s === 'running';
  ($('stop') as HTMLButtonElement).disabled = s !== 'running';
}

function selectTable(t: Inspectable): void {
  inspected = t;
  showTable($('table'), t, names, selectTable);
}

/** Run the machine on (a fresh one first when the text changed or the program ended). */
function go(mode: StepMode): void {
  if (stale || machine.status === 'done' || machine.status === 'error') reset();
  machine.go(mode);
  refresh();
}

$('run').addEventListener('click', () => {
  if (stale || machine.status !== 'paused' || machine.instructions > 0) reset();
  go('run');
});
$('continue').addEventListener('click', () => go('run'));
$('step').addEventListener('click', () => go('instr'));
$('step-line').addEventListener('click', () => go('line'));
$('stop').addEventListener('click', () => machine.stop());
$('reset').addEventListener('click', () => reset());
$('gc-step').addEventListener('click', () => { gcView.step(machine); refresh(); });
$('gc-full').addEventListener('click', () => { gcView.full(machine); refresh(); });
picker.addEventListener('change', () => {
  exampleId = picker.value;
  editor.text = exampleById(exampleId)!.source;
  history.replaceState(null, '', writeFragment({ example: exampleId, code: editor.text }));
  reset(false);
});
$('share').addEventListener('click', () => {
  history.replaceState(null, '', writeFragment({ example: exampleId, code: editor.text }));
  void navigator.clipboard?.writeText(location.href).catch(() => undefined);
  setStatus('the link to this program is in the address bar');
});

// a link followed from the same page (only the fragment changes): load what it names
window.addEventListener('hashchange', () => {
  const state = readFragment(location.hash);
  if (state.code === editor.text && state.example === exampleId) return;
  exampleId = state.example;
  picker.value = exampleId;
  editor.text = state.code;
  reset(false);
});

reset();
