/**
 * # The panels: frames, registers, upvalues, a table's contents
 *
 * Responsibility: showing a stopped machine — for each level of the
 * stopped thread (level 0 first) the function's name, pc and line; for
 * each Lua level its registers, named by the local variable that lives
 * there at that pc (debug information: `Proto.localName`, what
 * `debug.getlocal` uses) or "(temporary)"; the function's upvalues, open
 * (still a stack slot of a live frame) or closed (moved into the cell);
 * and what the learner clicks: a table's array part, hash part and
 * metatable, or a function's upvalues. Values are shown without calling a metamethod.
 *
 * Manual: §4.7 (lua_getstack, lua_getinfo, lua_getlocal,
 * lua_getupvalue), §2.1 (values). PUC-Rio counterpart: `ldebug.c`.
 *
 * Invariant: reading the machine never changes it: no Lua call, no
 * allocation of Lua objects, no metamethod.
 *
 * Read next: `src/api/debug.ts`, `machine.ts`, docs/vm.md (frames and
 * registers).
 */
import { LuaTable, LuaFloat, LuaClosure, LuaNative, stackLevels, type LuaThread, type Value, type Proto } from '../src/browser.ts';
import { getStack, getInfo } from '../src/api/debug.ts';
import { number2string } from '../src/value/index.ts';
import type { StopPoint } from './machine.ts';

/** Names objects as `table 3`: stable numbers given on first sight (the page has no addresses). */
export class ObjectNames {
  private ids = new WeakMap<object, number>();
  private next = 1;
  id(o: object): number {
    let n = this.ids.get(o);
    if (n === undefined) { n = this.next++; this.ids.set(o, n); }
    return n;
  }
}

/** A value as the panels show it: never through a metamethod. */
export function showValue(v: Value, names: ObjectNames): string {
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return String(v);
    case 'number': case 'bigint': return number2string(v);
    case 'string': return JSON.stringify(v.length > 30 ? v.slice(0, 30) + '…' : v);
    default: {
      if (v instanceof LuaFloat) return number2string(v);
      if (v instanceof LuaNative) return `builtin ${v.name ?? '?'}`;
      const type = (v as { luaType?: string }).luaType ?? 'object';
      return `${type} ${names.id(v as object)}`;
    }
  }
}

/** What the inspector panel can show: a table's contents or a Lua function's upvalues. */
export type Inspectable = LuaTable | LuaClosure;

/** A cell holding value `v`: tables and Lua functions are links that select them. */
function valueCell(v: Value, names: ObjectNames, select: (t: Inspectable) => void): HTMLElement {
  const td = document.createElement('td');
  td.className = 'pg-value';
  const text = showValue(v, names);
  if (v instanceof LuaTable || v instanceof LuaClosure) {
    const a = document.createElement('a');
    a.href = '#';
    a.textContent = text;
    a.className = 'pg-table-link';
    a.addEventListener('click', (ev) => { ev.preventDefault(); select(v); });
    td.append(a);
  } else td.textContent = text;
  return td;
}

function row(cells: (string | HTMLElement)[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const c of cells) {
    if (typeof c === 'string') { const td = document.createElement('td'); td.textContent = c; tr.append(td); }
    else tr.append(c);
  }
  return tr;
}

function heading(text: string, cls: string): HTMLElement {
  const h = document.createElement('div');
  h.className = cls;
  h.textContent = text;
  return h;
}

/** The frames panel: call stack, registers and upvalues of the stopped thread. */
export function showFrames(el: HTMLElement, at: StopPoint | undefined, names: ObjectNames, select: (t: Inspectable) => void): void {
  el.textContent = '';
  if (at === undefined) { el.append(heading('(not stopped)', 'pg-muted')); return; }
  showThread(el, at.thread, at, names, select);
  // a coroutine runs because the main thread resumed it: its levels below
  const main = at.thread.global.mainThread;
  if (at.thread !== main) showThread(el, main, at, names, select);
}

/** The levels of thread `T`, level 0 first. */
function showThread(el: HTMLElement, T: LuaThread, at: StopPoint, names: ObjectNames, select: (t: Inspectable) => void): void {
  const isMain = T.global.mainThread === T;
  el.append(heading(isMain ? (T === at.thread ? 'main thread' : 'main thread (resumed the coroutine above)') : `coroutine ${names.id(T)}`, 'pg-thread'));
  const levels = stackLevels(T);
  levels.forEach((lv, level) => {
    const fn = lv.fn;
    if (fn === undefined) { el.append(heading(`${level}  [C]: in ?  (the host)`, 'pg-frame')); return; }
    const ar = getStack(T, level);
    const info = ar !== undefined ? getInfo(T, 'nS', ar) : undefined;
    const name = info?.name !== undefined ? `${info.namewhat} '${info.name}'` : info?.what === 'main' ? 'main chunk' : 'function';
    if (!(fn instanceof LuaClosure) || lv.ci === undefined) {
      el.append(heading(`${level}  [C] ${info?.name !== undefined ? name : `function '${(fn as LuaNative).name}'`}`, 'pg-frame'));
      return;
    }
    const p = fn.proto;
    const ci = lv.ci;
    // level 0 stopped before ci.pc; a caller's saved pc is past its CALL
    const pc = ci === at.frame ? ci.pc : ci.pc - 1;
    el.append(heading(`${level}  ${name}  pc ${pc + 1}  line ${p.lineAt(pc)}`, 'pg-frame' + (ci === at.frame ? ' pg-frame-top' : '')));
    const table = document.createElement('table');
    table.className = 'pg-registers';
    for (let r = 0; r < p.maxstacksize; r++) {
      const local = p.localName(r + 1, pc);
      table.append(row([`R${r}`, local ?? '(temporary)', valueCell(T.stack[ci.base + r], names, select)]));
    }
    fn.upvals.forEach((u, i) => {
      const open = u.thread !== undefined;
      table.append(row([`U${i}`, p.upvalues[i]?.name ?? '?', valueCell(u.get(), names, select), open ? 'open' : 'closed']));
    });
    el.append(table);
  });
}

/**
 * The inspector: a table's array part, hash part and metatable, or a Lua
 * function's upvalues (open: still a register of a live frame; closed:
 * the value moved into the upvalue cell when that frame ended).
 */
export function showTable(el: HTMLElement, t: Inspectable | undefined, names: ObjectNames, select: (t: Inspectable) => void): void {
  el.textContent = '';
  if (t === undefined) { el.append(heading('click a table or a function to look inside', 'pg-muted')); return; }
  if (t instanceof LuaClosure) {
    const p = t.proto;
    el.append(heading(`function ${names.id(t)}: defined at line ${p.linedefined}, ${t.upvals.length} upvalue${t.upvals.length === 1 ? '' : 's'}`, 'pg-thread'));
    const table = document.createElement('table');
    table.className = 'pg-registers';
    t.upvals.forEach((u, i) => {
      const where = u.thread !== undefined ? `open (stack slot ${u.index})` : 'closed';
      table.append(row([`U${i}`, p.upvalues[i]?.name ?? '?', valueCell(u.get(), names, select), where]));
    });
    el.append(table);
    return;
  }
  el.append(heading(`table ${names.id(t)}: ${t.array.length} in the array part, ${t.hash.size} in the hash part`, 'pg-thread'));
  const table = document.createElement('table');
  table.className = 'pg-registers';
  t.array.forEach((v, i) => table.append(row(['array', `[${i + 1}]`, valueCell(v, names, select)])));
  for (const [k, v] of t.hash) table.append(row(['hash', `[${showValue(k as Value, names)}]`, valueCell(v, names, select)]));
  table.append(row(['meta', 'metatable', valueCell(t.metatable, names, select)]));
  el.append(table);
}

/** The prototype and pc a stop point is at. */
export function stopLocation(at: StopPoint | undefined): { proto: Proto; pc: number; line: number } | undefined {
  const cl = at?.frame.closure;
  if (at === undefined || cl === undefined) return undefined;
  return { proto: cl.proto, pc: at.frame.pc, line: cl.proto.lineAt(at.frame.pc) };
}

