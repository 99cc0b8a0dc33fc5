/** Types of scripts/playground.mjs, for the browser spec that imports it. */
export interface BuildOptions { outdir?: string; minify?: boolean; editor?: boolean }
export function buildPlayground(options?: BuildOptions): Promise<{ raw: number; gzip: number }>;
