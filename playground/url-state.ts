/**
 * # The page's state in its URL fragment
 *
 * Responsibility: writing the program and the selected example into the
 * fragment (`#example=gc&code=...`) so that a teacher can share a link,
 * and reading them back when the page opens. The fragment never reaches a
 * server: the page stays a static file.
 *
 * Invariant: `read(write(s))` gives `s` back; a fragment without `code`
 * means "the example's own program" (a short link), so a link is only as
 * long as the edits it carries.
 *
 * Read next: `main.ts` (when the fragment is written), `examples.ts`.
 */
import { exampleById, EXAMPLES } from './examples.ts';

/** What the fragment holds. */
export interface UrlState { example: string; code: string }

/** The state a fragment names (the first example when it names none). */
export function readFragment(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const example = exampleById(params.get('example') ?? undefined) ?? EXAMPLES[0];
  const code = params.get('code');
  return { example: example.id, code: code ?? example.source };
}

/** The fragment for `state` (`code` left out when it is the example's own). */
export function writeFragment(state: UrlState): string {
  const params = new URLSearchParams();
  params.set('example', state.example);
  if (exampleById(state.example)?.source !== state.code) params.set('code', state.code);
  return '#' + params.toString();
}
