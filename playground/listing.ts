/**
 * # The listing: each prototype's instructions, linked both ways
 *
 * Responsibility: the compiled program as `lucidc -l -l` prints it (the
 * header, the code and the constants/locals/upvalues of each prototype,
 * from `src/bytecode/listing.ts`, character for character), with every
 * instruction a link: to its source line (click it), and from its opcode
 * to the opcode's row in the book's opcode table (docs/bytecode.md, "The
 * opcodes"), its meaning shown on hover. Selecting a source
 * line marks its instructions here; the instruction about to run is
 * marked too.
 *
 * Manual: none (bytecode is PUC-Rio's implementation). PUC-Rio
 * counterpart: `luac.c` (PrintFunction).
 *
 * Invariant: row `pc` of a prototype's block is the line `listCode`
 * prints for instruction `pc` (the same text), so what the page shows is
 * what `lucidc -l -l` prints.
 *
 * Read next: `src/bytecode/listing.ts`, docs/bytecode.md, `editor.ts`.
 */
import { listHeader, listCode, listDebug, type AddressOf } from '../src/bytecode/listing.ts';
import { OPCODES } from '../src/bytecode/opcodes.ts';
import { getOp } from '../src/bytecode/instruction.ts';
import { OPCODE_DOCS } from '../src/bytecode/opcode-docs.ts';
import type { Proto } from '../src/browser.ts';

/**
 * Where the book explains the opcodes, from the playground's folder of the
 * built site: the instruction-set chapter's table (number, name, format,
 * meaning, example; it has no anchor per row, so each opcode's link also
 * carries its row's meaning as its title).
 */
export const OPCODE_TABLE = '../documents/3._The_instruction_set.html#the-opcodes';

/** What the listing tells the page. */
export interface ListingEvents {
  selectInstruction(proto: Proto, pc: number, line: number): void;
}

/** The prototypes of `main`, in the listing's order (main, then each nested one, depth first). */
export function protosOf(main: Proto): Proto[] {
  const all: Proto[] = [];
  const visit = (p: Proto): void => { all.push(p); p.protos.forEach(visit); };
  visit(main);
  return all;
}

export class Listing {
  private protos: Proto[] = [];
  private rows = new Map<Proto, HTMLElement[]>();

  constructor(private readonly el: HTMLElement, private readonly events: ListingEvents) {}

  /** List `main` and its nested functions (nothing, for a program that did not compile). */
  show(main: Proto | undefined): void {
    this.el.textContent = '';
    this.rows.clear();
    this.protos = main ? protosOf(main) : [];
    const ids = new Map(this.protos.map((p, i) => [p, i]));
    const addressOf: AddressOf = (p) => '0x' + (ids.get(p) ?? 0).toString(16);
    for (const p of this.protos) {
      const block = document.createElement('div');
      block.className = 'pg-proto';
      const header = document.createElement('pre');
      header.className = 'pg-header';
      header.textContent = listHeader(p, addressOf).replace(/^\n/, '');
      block.append(header);
      const lines = listCode(p, addressOf).split('\n');
      const rows: HTMLElement[] = [];
      for (let pc = 0; pc < p.code.length; pc++) {
        const row = document.createElement('div');
        row.className = 'pg-ins';
        row.dataset.pc = String(pc + 1);
        row.dataset.line = String(p.lineAt(pc));
        const op = getOp(p.code[pc]);
        const name = OPCODES[op]?.name ?? '';
        // the text listCode prints, with the opcode made a link to the book
        const text = lines[pc];
        const at = text.indexOf('\t' + name) + 1;
        const link = document.createElement('a');
        link.href = OPCODE_TABLE;
        link.target = '_blank';
        link.title = `${name}: ${OPCODE_DOCS[op]?.semantics ?? ''} (click: its entry in the book)`;
        link.textContent = name;
        row.append(text.slice(0, at), link, text.slice(at + name.length));
        row.addEventListener('click', (ev) => {
          if ((ev.target as HTMLElement).tagName === 'A') return;
          this.events.selectInstruction(p, pc, p.lineAt(pc));
        });
        rows.push(row);
        block.append(row);
      }
      this.rows.set(p, rows);
      const debug = document.createElement('pre');
      debug.className = 'pg-debug';
      debug.textContent = listDebug(p, addressOf);
      block.append(debug);
      this.el.append(block);
    }
  }

  /** Mark the instructions of source line `line` (undefined: none). */
  markLine(line: number | undefined): void {
    let first: HTMLElement | undefined;
    for (const rows of this.rows.values()) {
      for (const row of rows) {
        const on = line !== undefined && row.dataset.line === String(line);
        row.classList.toggle('pg-linked', on);
        if (on) first ??= row;
      }
    }
    first?.scrollIntoView({ block: 'nearest' });
  }

  /** Mark instruction `pc` of `proto` as selected (undefined: none). */
  markSelected(proto: Proto | undefined, pc: number): void {
    for (const [p, rows] of this.rows) rows.forEach((row, i) => row.classList.toggle('pg-selected', p === proto && i === pc));
  }

  /** Mark the instruction about to run (undefined: none). */
  markCurrent(proto: Proto | undefined, pc: number): void {
    let cur: HTMLElement | undefined;
    for (const [p, rows] of this.rows) {
      rows.forEach((row, i) => {
        const on = p === proto && i === pc;
        row.classList.toggle('pg-current', on);
        if (on) cur = row;
      });
    }
    cur?.scrollIntoView({ block: 'nearest' });
  }
}
