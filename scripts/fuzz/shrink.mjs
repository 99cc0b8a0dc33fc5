/**
 * Shrinking a mismatching program to a small one that still mismatches the
 * same way, by greedy delta debugging over the program's tree (ast.mjs):
 * each round renders every one-step simplification (runs of statements
 * deleted, halves first; expressions replaced by an operand or a literal),
 * runs all of them in one batch on both engines, and keeps the shortest
 * that still shows the same difference. It stops when no candidate does.
 *
 * Running the candidates of a round as one batch (run.mjs) is what makes
 * this affordable: a round costs two process starts, not hundreds.
 *
 * Read next: ../fuzz.mjs, which shrinks every mismatch it finds and saves
 * the result under lua-tests/fuzz/.
 */
import { candidates, render } from './ast.mjs';

/**
 * Shrink `tree`. `stillFails(sources)` resolves to one boolean per source:
 * does that program still show the difference being shrunk? Returns
 * { tree, src, rounds }.
 */
export async function shrink(tree, stillFails, { maxRounds = 60, perRound = 250 } = {}) {
  let best = tree;
  let bestSrc = render(tree);
  let rounds = 0;
  while (rounds < maxRounds) {
    rounds++;
    const seen = new Set();
    const pool = [];
    for (const t of candidates(best)) {
      const src = render(t);
      if (src.length >= bestSrc.length || seen.has(src)) continue;
      seen.add(src);
      pool.push({ t, src });
    }
    if (pool.length === 0) break;
    // the biggest cuts first, as many as a round takes
    pool.sort((a, b) => a.src.length - b.src.length);
    const tried = pool.slice(0, perRound);
    const verdicts = await stillFails(tried.map((c) => c.src));
    const i = verdicts.findIndex(Boolean);
    if (i < 0) {
      if (pool.length <= perRound) break;
      // none of the biggest cuts kept the difference: try the smaller ones
      const rest = pool.slice(perRound, perRound * 3);
      const more = await stillFails(rest.map((c) => c.src));
      const j = more.findIndex(Boolean);
      if (j < 0) break;
      best = rest[j].t; bestSrc = rest[j].src;
      continue;
    }
    best = tried[i].t; bestSrc = tried[i].src;
  }
  return { tree: best, src: bestSrc, rounds };
}
