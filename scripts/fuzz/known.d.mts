/** Types of scripts/fuzz/known.mjs, for the specs in spec/harness. */
export const KNOWN: { name: string; reason: string; expected?: RegExp; got?: RegExp; test?: (expected: string, got: string) => boolean }[];
export function explain(oracle: { out: string; error?: string }, lucid: { out: string; error?: string }): string | undefined;
