/** Types of scripts/lib/engines.mjs, for the specs in spec/harness. */
export function commandFor(engine: string, file: string, args?: string[], pre?: string[]): [string, string[]];
export function hasInterpreter(name: string): boolean;
export function errorMessage(stderr: string): string;
export function runProgram(engine: string, file: string, options?: {
  args?: string[]; pre?: string[]; cwd?: string; timeout?: number; env?: NodeJS.ProcessEnv; stdin?: 'ignore' | 'pipe';
}): Promise<{ stdout: string; stderr: string; status: number; timedOut: boolean; ms: number }>;
export function pool<T>(tasks: (() => Promise<T>)[], n: number): Promise<T[]>;
