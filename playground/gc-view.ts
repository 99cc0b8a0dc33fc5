/**
 * # The collector view: colours, phases, barriers, weak entries, finalizers
 *
 * Responsibility: showing the program's objects as the collector sees
 * them — a graph of the objects reachable from the program's globals and
 * registers, each painted its colour (white: not reached in this cycle;
 * gray: reached, not yet traversed; black: traversed) and, in
 * generational mode, outlined by its age — with the current phase, what
 * each step did (the step log of LUCID_GC_LOG=steps), the write barriers
 * as they fire, weak entries as the atomic phase clears them, objects
 * queued for finalization and finalizers as they run; a chart of memory
 * in use over time; and the buttons that drive the collector: one step
 * (`collectgarbage("step")`), a full cycle, the mode.
 *
 * How it watches without changing the collector: `watchCollector`
 * (src/api/introspect.ts), the heap's watch point, which reports each
 * line of the step log, each write barrier as it fires and each finalizer
 * before it runs, for this one state only. Objects are on the
 * all-objects list from birth (`listEveryObject`), so an object the sweep
 * freed is one whose LINKED bit is gone.
 *
 * Manual: §2.5 (garbage collection), §2.5.1-2 (incremental and
 * generational modes), §2.5.3 (finalizers), §2.5.4 (weak tables).
 * PUC-Rio counterpart: `lgc.c`; the picture is docs/gc.md's.
 *
 * Invariant: looking never marks, allocates or calls Lua; only the
 * buttons run the collector.
 *
 * Read next: `src/gc/heap.ts`, `src/gc/incremental.ts`, `src/gc/barrier.ts`,
 * docs/gc.md.
 */
import { LuaTable, LuaClosure, LuaThread, LuaUserdata, type Value } from '../src/browser.ts';
import { gcColor, gcAge, gcStateName, gcMode, watchCollector } from '../src/api/introspect.ts';
import { explicitStep, fullCollect, switchMode } from '../src/gc/collector.ts';
import { LINKED, FINOBJ } from '../src/gc/heap.ts';
import { showValue, type ObjectNames } from './panels.ts';
import type { Machine } from './machine.ts';

/** Most objects the graph draws (the nearest to the roots first). */
const MAX_NODES = 40;
/** The GC step button's step: log2 of its bytes, and its work multiplier. */
const STEP_SIZE = 6;
const STEP_MUL = 10;
/** Most events the log keeps. */
const MAX_EVENTS = 60;

type Obj = LuaTable | LuaClosure | LuaThread | LuaUserdata;

function isObj(v: unknown): v is Obj {
  return v instanceof LuaTable || v instanceof LuaClosure || v instanceof LuaUserdata || v instanceof LuaThread;
}

interface Node { o: Obj; depth: number; x: number; y: number; freed: boolean; via: string }

export class GcView {
  private readonly svg: SVGSVGElement;
  private readonly chart: HTMLCanvasElement;
  private readonly phase: HTMLElement;
  private readonly log: HTMLElement;
  private samples: { total: number; phase: string }[] = [];
  private events: string[] = [];
  /** Objects of the library (and the globals table): not drawn. */
  private library = new WeakSet<object>();
  /** Stops watching the previous machine's collector. */
  private unwatch: (() => void) | undefined = undefined;
  /** Objects drawn before, still drawn (as freed) once the sweep frees them. */
  private seen = new Set<Obj>();
  /** The keys of each weak table at the last look. */
  private weakKeys = new Map<LuaTable, Set<unknown>>();
  private queued = new Set<object>();
  private machine: Machine | undefined;

  constructor(private readonly el: HTMLElement, private readonly names: ObjectNames) {
    this.phase = el.querySelector('#gc-phase')!;
    this.svg = el.querySelector('#gc-graph')!;
    this.chart = el.querySelector('#gc-chart')!;
    this.log = el.querySelector('#gc-log')!;
    el.querySelector('#gc-mode')!.addEventListener('change', (ev) => {
      const m = this.machine;
      if (m === undefined) return;
      const mode = (ev.target as HTMLSelectElement).value as 'incremental' | 'generational';
      switchMode(m.lua.global, m.lua.L, mode, -1);
      this.event(`mode: ${mode}`);
      this.refresh(m);
    });
  }

  private event(text: string): void {
    this.events.push(text);
    if (this.events.length > MAX_EVENTS) this.events.shift();
  }

  /** Watch a new machine's heap. */
  attach(m: Machine): void {
    this.machine = m;
    this.samples = [];
    this.events = [];
    this.seen.clear();
    this.weakKeys.clear();
    this.queued.clear();
    this.library = new WeakSet();
    (this.el.querySelector('#gc-mode') as HTMLSelectElement).value = 'incremental';
    const G = m.lua.global;
    // the library's objects, two levels deep, are not the program's
    this.library.add(G.globals);
    for (const [, v] of G.globals.hash) {
      if (!isObj(v)) continue;
      this.library.add(v);
      if (v instanceof LuaTable) for (const [, w] of v.hash) if (isObj(w)) this.library.add(w);
    }
    this.unwatch?.();
    this.unwatch = watchCollector(m.lua.L, (e) => {
      switch (e.kind) {
        case 'log': this.event(e.line.replace(/^\[gc\]\s*/, '')); break;
        case 'barrier-back':
          if (isObj(e.object) && !this.library.has(e.object)) this.event(`barrier (back): ${this.name(e.object)} was black, a store made it gray again`);
          break;
        case 'barrier-forward':
          if (isObj(e.object) && !this.library.has(e.object)) this.event(`barrier (forward): black ${this.name(e.object)} now refers to ${showValue(e.value as Value, this.names)}`);
          break;
        case 'finalizer': this.event(`finalizer runs: __gc of ${this.name(e.object)}`); break;
      }
    });
    this.sample(m);
  }

  private name(o: Obj): string { return showValue(o as Value, this.names); }

  /** Remember the memory in use now (for the chart). */
  sample(m: Machine): void {
    this.samples.push({ total: m.lua.global.heap.total, phase: gcStateName(m.lua.L) });
    if (this.samples.length > 400) this.samples.splice(0, this.samples.length - 400);
  }

  /**
   * One small step of the collector: `collectgarbage("step", 0)` with a
   * step size of 2^6 bytes and a multiplier of 10 for this step only, so
   * that a cycle over the few kilobytes of a small program takes a dozen
   * clicks instead of one.
   */
  step(m: Machine): void {
    const h = m.lua.global.heap;
    const { stepsize, stepmul } = h;
    h.stepsize = Math.min(stepsize, STEP_SIZE); h.stepmul = Math.min(stepmul, STEP_MUL);
    try {
      explicitStep(m.lua.global, m.lua.L, 0, -1);
    } finally {
      h.stepsize = stepsize; h.stepmul = stepmul;
    }
    m.lua.global.flush();
    this.sample(m);
  }

  /** A full collection (`collectgarbage()`). */
  full(m: Machine): void {
    this.event('full collection');
    fullCollect(m.lua.global, m.lua.L);
    m.lua.global.flush();
    this.sample(m);
  }

  /** Look at the heap again and redraw. */
  refresh(m: Machine): void {
    if (m !== this.machine) return;
    const G = m.lua.global;
    const h = G.heap;
    const nodes = this.collectNodes(m);
    this.noticeWeakAndQueued(nodes);
    this.sample(m);
    const counts = { white: 0, gray: 0, black: 0 };
    for (const n of nodes) if (!n.freed) counts[gcColor(m.lua.L, n.o) as 'white' | 'gray' | 'black']++;
    this.phase.textContent = `${gcMode(m.lua.L)} · phase ${gcStateName(m.lua.L)} · cycle ${h.cycles} · ` +
      `${(h.total / 1024).toFixed(1)} KB in use · gray list ${h.gray.length} · ` +
      `finalizers registered ${h.finobj.length}, queued ${h.tobefnz.length} · ` +
      `drawn: ${counts.white} white, ${counts.gray} gray, ${counts.black} black`;
    this.drawGraph(m, nodes);
    this.drawChart();
    this.log.textContent = this.events.slice(-40).join('\n');
    this.log.scrollTop = this.log.scrollHeight;
  }

  /** The objects to draw: from the roots (program globals, registers, finalizer lists), breadth first. */
  private collectNodes(m: Machine): Node[] {
    const G = m.lua.global;
    const h = G.heap;
    const nodes: Node[] = [];
    const index = new Map<Obj, Node>();
    const queue: Node[] = [];
    const visit = (v: unknown, depth: number, via: string) => {
      if (!isObj(v) || this.library.has(v) || index.has(v) || nodes.length >= MAX_NODES) return;
      const n: Node = { o: v, depth, x: 0, y: 0, freed: (v.marked & LINKED) === 0, via };
      nodes.push(n); index.set(v, n); queue.push(n);
    };
    for (const [k, v] of G.globals.hash) visit(v, 0, `_G.${String(k)}`);
    const at = m.status === 'paused' ? m.stoppedAt : undefined;
    const threads = at === undefined ? [] : at.thread === m.lua.L ? [at.thread] : [at.thread, m.lua.L];
    for (const T of threads) {
      for (let d = 0; d <= T.depth; d++) {
        const ci = T.frames[d];
        const cl = ci.closure;
        if (cl === undefined) continue;
        visit(cl, 0, 'frame');
        const pc = ci === at!.frame ? ci.pc : ci.pc - 1;
        for (let r = 0; r < cl.proto.maxstacksize; r++) visit(T.stack[ci.base + r], 0, cl.proto.localName(r + 1, pc) ?? `R${r}`);
      }
    }
    for (const o of h.tobefnz) visit(o, 0, 'queued for __gc');
    for (const o of h.finobj) visit(o, 0, 'has __gc');
    for (let i = 0; i < queue.length; i++) {
      const { o, depth } = queue[i];
      const d = depth + 1;
      if (o instanceof LuaTable) {
        o.array.forEach((v) => visit(v, d, ''));
        for (const [k, v] of o.hash) { visit(k, d, ''); visit(v, d, ''); }
        visit(o.metatable, d, 'metatable');
      } else if (o instanceof LuaClosure) {
        for (const u of o.upvals) visit(u.get(), d, 'upvalue');
      } else if (o instanceof LuaUserdata) {
        visit(o.metatable, d, 'metatable');
      }
    }
    // objects drawn before that are no longer reached: still drawn until the sweep frees them, then once as freed
    for (const o of this.seen) {
      if (index.has(o) || nodes.length >= MAX_NODES) continue;
      const freed = (o.marked & LINKED) === 0;
      const n: Node = { o, depth: 0, x: 0, y: 0, freed, via: freed ? 'freed' : 'unreachable' };
      nodes.push(n); index.set(o, n);
      if (freed) this.seen.delete(o);
    }
    for (const n of nodes) if (!n.freed) this.seen.add(n.o);
    return nodes;
  }

  /** Events the heap does not log: weak entries cleared, objects queued for finalization. */
  private noticeWeakAndQueued(nodes: Node[]): void {
    for (const { o } of nodes) {
      if (!(o instanceof LuaTable)) continue;
      const mode = o.metatable?.getStr('__mode');
      if (typeof mode !== 'string') continue;
      const keys = new Set<unknown>([...o.hash.keys(), ...o.array.map((_, i) => i + 1)]);
      const before = this.weakKeys.get(o);
      if (before !== undefined) {
        for (const k of before) {
          if (!keys.has(k)) this.event(`weak entry cleared: ${this.name(o)}[${showValue(k as Value, this.names)}]`);
        }
      }
      this.weakKeys.set(o, keys);
    }
    const h = this.machine!.lua.global.heap;
    for (const o of h.tobefnz) {
      if (!this.queued.has(o)) { this.queued.add(o); this.event(`queued for finalization: ${this.name(o as Obj)}`); }
    }
  }

  private drawGraph(m: Machine, nodes: Node[]): void {
    const svg = this.svg;
    const NS = 'http://www.w3.org/2000/svg';
    svg.textContent = '';
    const W = 150, H = 34;
    const rows = new Map<number, number>();
    for (const n of nodes) {
      const col = n.freed || n.via === 'unreachable' ? 4 : Math.min(n.depth, 3);
      const r = rows.get(col) ?? 0;
      rows.set(col, r + 1);
      n.x = 20 + col * (W + 24);
      n.y = 8 + r * (H + 8);
    }
    const height = Math.max(...[...rows.values()].map((r) => r * (H + 8)), H) + 16;
    const width = 5 * (W + 24) + 20;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    const index = new Map(nodes.map((n) => [n.o, n]));
    // an edge goes from the right side of a node to the left side of a node further right;
    // between nodes of one column it bends out to the left
    const line = (a: Node, b: Node) => {
      const l = document.createElementNS(NS, 'path');
      const ya = a.y + H / 2, yb = b.y + H / 2;
      const d = b.x > a.x ? `M${a.x + W},${ya} C${a.x + W + 14},${ya} ${b.x - 14},${yb} ${b.x},${yb}`
        : `M${a.x},${ya} C${a.x - 10},${ya} ${b.x - 10},${yb} ${b.x},${yb}`;
      l.setAttribute('d', d);
      l.setAttribute('class', 'pg-edge');
      svg.append(l);
    };
    for (const n of nodes) {
      const refs: unknown[] = [];
      if (n.o instanceof LuaTable) { refs.push(...n.o.array, ...n.o.hash.keys(), ...n.o.hash.values(), n.o.metatable); }
      else if (n.o instanceof LuaClosure) refs.push(...n.o.upvals.map((u) => u.get()));
      else if (n.o instanceof LuaUserdata) refs.push(n.o.metatable);
      for (const r of refs) { const t = isObj(r) ? index.get(r) : undefined; if (t && t !== n && t.x >= n.x) line(n, t); }
    }
    const generational = gcMode(m.lua.L) === 'generational';
    for (const n of nodes) {
      const g = document.createElementNS(NS, 'g');
      const colour = n.freed ? 'freed' : gcColor(m.lua.L, n.o);
      g.setAttribute('class', `pg-node pg-${colour.replace(/\s/g, '-')}` + ((n.o.marked & FINOBJ) ? ' pg-finobj' : ''));
      const rect = document.createElementNS(NS, 'rect');
      rect.setAttribute('x', String(n.x)); rect.setAttribute('y', String(n.y));
      rect.setAttribute('width', String(W)); rect.setAttribute('height', String(H)); rect.setAttribute('rx', '5');
      if (generational && !n.freed) rect.setAttribute('class', `pg-age-${gcAge(n.o)}`);
      const title = document.createElementNS(NS, 'title');
      title.textContent = `${this.name(n.o)}: ${colour}${generational ? ', age ' + gcAge(n.o) : ''}`;
      const t1 = document.createElementNS(NS, 'text');
      t1.setAttribute('x', String(n.x + 6)); t1.setAttribute('y', String(n.y + 14));
      t1.textContent = this.name(n.o) + (n.via ? `  (${n.via})` : '');
      const t2 = document.createElementNS(NS, 'text');
      t2.setAttribute('x', String(n.x + 6)); t2.setAttribute('y', String(n.y + 28));
      t2.setAttribute('class', 'pg-small');
      t2.textContent = n.freed ? 'freed by the sweep' : colour + (generational ? ' · ' + gcAge(n.o) : '') + ((n.o.marked & FINOBJ) ? ' · __gc' : '');
      g.append(rect, title, t1, t2);
      svg.append(g);
    }
  }

  private drawChart(): void {
    const c = this.chart;
    const ctx = c.getContext('2d');
    if (ctx === null) return;
    // draw at the size the page gives the canvas (no stretched pixels)
    if (c.clientWidth > 0 && c.width !== c.clientWidth) c.width = c.clientWidth;
    const w = c.width, h = c.height;
    ctx.clearRect(0, 0, w, h);
    const s = this.samples;
    if (s.length === 0) return;
    const max = Math.max(...s.map((x) => x.total)) * 1.1;
    const min = Math.min(...s.map((x) => x.total)) * 0.9;
    ctx.strokeStyle = '#2a6';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    s.forEach((x, i) => {
      const px = s.length === 1 ? 0 : (i / (s.length - 1)) * (w - 4) + 2;
      const py = h - 14 - ((x.total - min) / Math.max(max - min, 1)) * (h - 24);
      if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
    });
    ctx.stroke();
    ctx.fillStyle = '#555';
    ctx.font = '11px sans-serif';
    ctx.fillText(`memory in use: ${(s[s.length - 1].total / 1024).toFixed(1)} KB (max ${(max / 1.1 / 1024).toFixed(1)} KB)`, 4, h - 2);
  }
}

