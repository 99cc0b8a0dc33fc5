/** Types of scripts/lib/engines.mjs, for the specs in spec/harness. */
export function commandFor(engine: string, file: string, args?: string[], pre?: string[]): [string, string[]];
export function hasInterpreter(name: string): boolean;
export function errorMessage(stderr: string): string;
export function maskAddresses(s: string): string;
export const OUTPUT_CAP: number;
export function runProgram(engine: string, file: string, options?: {
  args?: string[]; pre?: string[]; cwd?: string; timeout?: number; env?: NodeJS.ProcessEnv; stdin?: 'ignore' | 'pipe'; cap?: number;
}): Promise<{ stdout: string; stderr: string; status: number; timedOut: boolean; truncated: boolean; ms: number }>;
export function pool<T>(tasks: (() => Promise<T>)[], n: number): Promise<T[]>;
