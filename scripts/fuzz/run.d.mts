/** Types of scripts/fuzz/run.mjs, for the specs in spec/harness. */
export interface Outcome { out: string; error?: string; truncated?: boolean; crash?: string }
export const PROGRAM_CAP: number;
export const BATCH_CAP: number;
export const driver: string;
export function batchText(programs: { id: string; src: string }[]): string;
export function parseSections(stdout: string): { sections: Map<string, Outcome>; complete: boolean; last?: string };
export function outcome(out: string, error?: string, truncated?: boolean): Outcome;
export function runAll(engine: string, programs: { id: string; src: string }[], options?: { jobs?: number; batchSize?: number; timeout?: number }): Promise<Map<string, Outcome>>;
export function isInternalFailure(outcome: Outcome): boolean;
export function compareOutcomes(oracle: Outcome, lucid: Outcome): { kind: string; detail: string } | undefined;
export function firstDifference(expected: string, got: string): string;
