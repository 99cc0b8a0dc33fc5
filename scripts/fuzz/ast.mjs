/**
 * The shape of a generated program: a tree that renders to Lua source and
 * that the shrinker can cut down.
 *
 * A node is a string (source text, never cut further) or an object
 *   { parts: Node[], list?: true, subs?: Node[] }
 * - a `list` node is a block: its parts are statements, one per line, and
 *   the shrinker may delete any of them (or any run of them);
 * - `subs` are simpler stand-ins the shrinker may put in the node's place:
 *   an operand for an operation, the body for an `if`, `nil` for a call.
 *   A stand-in made of the node's own children is a function of the
 *   node's current parts (`child(i)`, or any parts => node), so that it
 *   takes the children as already shrunk, not as first generated.
 * The generator chooses the subs so that a replacement keeps the program
 * valid Lua most of the time; the shrinker keeps only replacements after
 * which the mismatch is still there, so an invalid one is just wasted work.
 *
 * Read next: shrink.mjs, which drives candidates() to a fixpoint.
 */

/** A block of statements. */
export const block = (items) => ({ parts: items, list: true });

/** Text and nodes joined without separators, with optional stand-ins. */
export const node = (parts, subs) => (subs && subs.length ? { parts, subs } : { parts });

/** A stand-in: the node's i-th part, as it is now. */
export const child = (i) => (parts) => parts[i];

/** The Lua source of a node. */
export function render(n) {
  if (typeof n === 'string') return n;
  const out = [];
  write(n, out);
  return out.join('');
}

function write(n, out) {
  if (typeof n === 'string') { out.push(n); return; }
  if (n.list) {
    for (const item of n.parts) { write(item, out); out.push('\n'); }
    return;
  }
  for (const p of n.parts) write(p, out);
}

/** A copy of `root` with the node at `path` (indices into parts) replaced. */
function replaceAt(root, path, replacement, depth = 0) {
  if (depth === path.length) return replacement;
  const i = path[depth];
  const parts = root.parts.slice();
  parts[i] = replaceAt(root.parts[i], path, replacement, depth + 1);
  return { ...root, parts };
}

/**
 * Every one-step simplification of `root`, as new trees: runs of statements
 * deleted (halves, quarters, … single statements, as in delta debugging),
 * and nodes replaced by their stand-ins. The biggest cuts come first.
 */
export function candidates(root) {
  const found = [];
  (function visit(n, path) {
    if (typeof n === 'string') return;
    if (n.list && n.parts.length > 0) {
      const len = n.parts.length;
      for (let size = len; size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
        for (let start = 0; start < len; start += size) {
          const parts = n.parts.slice(0, start).concat(n.parts.slice(start + size));
          found.push({ weight: size, tree: replaceAt(root, path, { ...n, parts }) });
        }
      }
    }
    if (n.subs) {
      for (const s of n.subs) {
        found.push({ weight: 0.5, tree: replaceAt(root, path, typeof s === 'function' ? s(n.parts) : s) });
      }
    }
    n.parts.forEach((p, i) => visit(p, path.concat(i)));
  })(root, []);
  found.sort((x, y) => y.weight - x.weight);
  return found.map((c) => c.tree);
}
