/** Types of scripts/lib/expectations.mjs, for the specs in spec/harness. */
export interface Expectation { status: 'PASS' | 'FAIL' | 'TIMEOUT'; reason: string }
export function parseExpectations(text: string, file?: string, mode?: string): Map<string, Expectation>;
export function readExpectations(file: string, mode?: string): Map<string, Expectation>;
export function progress(file: string, message: string, lines: number): string;
export function judge(
  results: { f: string; status: string }[],
  expectations: Map<string, Expectation>,
): { regressions: { f: string; status: string }[]; improvements: { f: string; expected: Expectation }[] };
