/**
 * # The editor: CodeMirror 6 with Lua highlighting and line marks
 *
 * Responsibility: the program's text, highlighted as Lua (CodeMirror's
 * legacy Lua stream mode), with three kinds of line marks the other
 * panels set: the line about to run, the lines linked to a selected
 * instruction, and breakpoints (toggled by clicking a line number).
 * Moving the cursor tells the page which line is selected, so the listing
 * can show that line's instructions.
 *
 * Manual: none (a page of the book). PUC-Rio counterpart: none.
 *
 * Invariant: the marks are a pure function of the last `mark()` call:
 * editing the text clears them (the lines no longer match the listing).
 *
 * Read next: `listing.ts` (the other side of the line links), `main.ts`.
 */
import { EditorView, Decoration, lineNumbers, highlightActiveLine, type DecorationSet } from '@codemirror/view';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput } from '@codemirror/language';
import { minimalSetup } from 'codemirror';
import { lua } from '@codemirror/legacy-modes/mode/lua';

/** The line marks the page sets. */
export interface LineMarks {
  /** The line of the instruction about to run. */
  current?: number;
  /** Lines linked to the selected instruction. */
  linked?: readonly number[];
  /** Lines with a breakpoint. */
  breakpoints?: ReadonlySet<number>;
}

/** What the editor tells the page. */
export interface EditorEvents {
  changed(text: string): void;
  selectLine(line: number): void;
  toggleBreakpoint(line: number): void;
}

const setMarks = StateEffect.define<LineMarks>();

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decos, tr) {
    if (tr.docChanged) decos = Decoration.none;
    for (const e of tr.effects) if (e.is(setMarks)) decos = decorate(tr.state, e.value);
    return decos;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function decorate(state: EditorState, marks: LineMarks): DecorationSet {
  const classes = new Map<number, string[]>();
  const add = (line: number, cls: string) => {
    if (line < 1 || line > state.doc.lines) return;
    classes.set(line, [...(classes.get(line) ?? []), cls]);
  };
  for (const l of marks.breakpoints ?? []) add(l, 'pg-breakpoint');
  for (const l of marks.linked ?? []) add(l, 'pg-linked');
  if (marks.current !== undefined) add(marks.current, 'pg-current');
  const ranges = [...classes.keys()].sort((a, b) => a - b)
    .map((l) => Decoration.line({ class: classes.get(l)!.join(' ') }).range(state.doc.line(l).from));
  return Decoration.set(ranges);
}

/** The playground's editor. */
export class Editor {
  readonly view: EditorView;

  constructor(parent: HTMLElement, text: string, events: EditorEvents) {
    const extensions: Extension[] = [
      lineNumbers({
        domEventHandlers: {
          mousedown: (view, block) => {
            events.toggleBreakpoint(view.state.doc.lineAt(block.from).number);
            return true;
          },
        },
      }),
      minimalSetup,
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      StreamLanguage.define(lua),
      syntaxHighlighting(defaultHighlightStyle),
      marksField,
      EditorView.updateListener.of((u) => {
        if (u.docChanged) events.changed(u.state.doc.toString());
        else if (u.selectionSet && u.view.hasFocus) events.selectLine(u.state.doc.lineAt(u.state.selection.main.head).number);
      }),
    ];
    this.view = new EditorView({ state: EditorState.create({ doc: text, extensions }), parent });
  }

  get text(): string { return this.view.state.doc.toString(); }

  /** Replace the whole text (a new example, a link). */
  set text(text: string) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  /** Show these line marks (replacing the previous ones); scroll to the current line. */
  mark(marks: LineMarks): void {
    const effects = [setMarks.of(marks)];
    const line = marks.current ?? marks.linked?.[0];
    if (line !== undefined && line >= 1 && line <= this.view.state.doc.lines) {
      effects.push(EditorView.scrollIntoView(this.view.state.doc.line(line).from, { y: 'nearest' }) as never);
    }
    this.view.dispatch({ effects });
  }
}
