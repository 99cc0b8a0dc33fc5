// scripts/deps-graph.mjs — `npm run deps:graph`: draw the layers of src/ and
// the imports between them as an SVG (docs/images/layers.svg), from what
// dependency-cruiser finds in the code, so the picture in
// docs/architecture.md is always the code's own.
//
// The drawing is an arc diagram: one box per layer, bottom (value) to top
// (cli), in the order of .dependency-cruiser.cjs; an import from a layer to
// a layer below it is an arc on the right, labelled with the number of
// file-to-file imports it stands for; an import that goes upwards (a
// violation of the rules) would be a red arc on the left.
//
// Usage: node scripts/deps-graph.mjs [--out FILE] [--check]
//   --check  fail if FILE differs from what the code gives now
//
// Read next: .dependency-cruiser.cjs (the rules), docs/architecture.md.
import { cruise } from 'dependency-cruiser';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : join(root, 'docs', 'images', 'layers.svg');
const check = args.includes('--check');

const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs'));
// the layer order is written once, in the rules' comment header
const ORDER = ['value', 'bytecode', 'object', 'gc', 'parser', 'compiler', 'vm', 'api', 'lib', 'platform', 'cli'];

process.chdir(root);
const result = await cruise(['src'], { ...config.options, ruleSet: { forbidden: config.forbidden } });
const modules = result.output.modules;

const layerOf = (path) => {
  const m = /^src\/([^/]+)\//.exec(path);
  return m && ORDER.includes(m[1]) ? m[1] : null;
};
const files = new Map(ORDER.map((l) => [l, 0]));
const edges = new Map();   // "from>to" -> count
for (const mod of modules) {
  const from = layerOf(mod.source);
  if (!from) continue;
  files.set(from, files.get(from) + 1);
  for (const dep of mod.dependencies) {
    const to = layerOf(dep.resolved);
    if (!to || to === from) continue;
    const key = `${from}>${to}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
}

// ── drawing ──────────────────────────────────────────────────────────────
const BOX_W = 150, BOX_H = 34, GAP = 16, LEFT = 130, TOP = 40;
const n = ORDER.length;
const yOf = (layer) => TOP + (n - 1 - ORDER.indexOf(layer)) * (BOX_H + GAP) + BOX_H / 2;
const parts = [];
const sorted = [...edges.entries()].sort(([a], [b]) => {
  const span = (k) => { const [f, t] = k.split('>'); return Math.abs(ORDER.indexOf(f) - ORDER.indexOf(t)); };
  return span(a) - span(b) || a.localeCompare(b);
});
let right = 0, left = 0;
for (const [key, count] of sorted) {
  const [from, to] = key.split('>');
  const down = ORDER.indexOf(to) < ORDER.indexOf(from);
  const y1 = yOf(from), y2 = yOf(to);
  const reach = 22 + 9 * (down ? right++ : left++);
  const x = down ? LEFT + BOX_W : LEFT;
  const cx = down ? x + reach : x - reach;
  const colour = down ? '#5b6b8c' : '#c0392b';
  const dy = down ? 6 : -6;
  parts.push(`<path d="M ${x} ${y1 - 3} C ${cx} ${y1 - 3}, ${cx} ${y2 + dy}, ${x + (down ? 6 : -6)} ${y2 + dy}" fill="none" stroke="${colour}" stroke-width="1.2" marker-end="url(#${down ? 'arrow' : 'bad'})"><title>${from} → ${to}: ${count} import${count > 1 ? 's' : ''}</title></path>`);
  const ly = (y1 + y2) / 2;
  parts.push(`<text x="${down ? cx - 0.25 * reach + 2 : cx + 0.25 * reach - 2}" y="${ly}" font-size="9" fill="${colour}" text-anchor="${down ? 'start' : 'end'}">${count}</text>`);
}
for (const layer of ORDER) {
  const y = yOf(layer) - BOX_H / 2;
  parts.push(`<rect x="${LEFT}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="5" fill="#eef2f8" stroke="#5b6b8c"/>`);
  parts.push(`<text x="${LEFT + BOX_W / 2}" y="${y + 15}" font-size="13" font-weight="bold" text-anchor="middle" fill="#1d2b45">src/${layer}/</text>`);
  parts.push(`<text x="${LEFT + BOX_W / 2}" y="${y + 28}" font-size="10" text-anchor="middle" fill="#5b6b8c">${files.get(layer)} modules</text>`);
}
const width = LEFT + BOX_W + 40 + 9 * right + 60;
const height = TOP + n * (BOX_H + GAP) + 10;
const up = [...edges.keys()].filter((k) => { const [f, t] = k.split('>'); return ORDER.indexOf(t) > ORDER.indexOf(f); });
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">
<defs>
<marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#5b6b8c"/></marker>
<marker id="bad" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#c0392b"/></marker>
</defs>
<rect width="100%" height="100%" fill="white"/>
<text x="${LEFT}" y="22" font-size="13" fill="#1d2b45">The layers of src/ and their imports (numbers: file-to-file imports)${up.length ? ` — ${up.length} upward!` : ''}</text>
${parts.join('\n')}
</svg>
`;
if (check) {
  let old = '';
  try { old = readFileSync(out, 'utf8'); } catch { /* missing counts as stale */ }
  if (old !== svg) {
    console.error(`${out} is stale: run npm run deps:graph`);
    process.exit(1);
  }
  console.log('layer graph is up to date');
} else {
  writeFileSync(out, svg);
  console.log(`wrote ${out}: ${n} layers, ${edges.size} layer-to-layer edges${up.length ? `, ${up.length} upward: ${up.join(', ')}` : ''}`);
}
