/** Types of scripts/lib/corpus.mjs, for the specs in spec/harness. */
export interface LuaRecord { stdout: string; status: number; message: string }
export interface LuaRun { stdout: string; stderr: string; status: number; timedOut: boolean; ms?: number }
export const root: string;
export const corpusDir: string;
export const expectedFailuresFile: string;
export function listPrograms(filters?: string[]): string[];
export function readRecord(program: string): LuaRecord | undefined;
export function writeRecord(program: string, run: LuaRun): void;
export function compare(record: LuaRecord, run: LuaRun): string | undefined;
export function readExpectedFailures(file?: string): Map<string, string>;
