#!/usr/bin/env node
// lucid — the standalone interpreter (like `lua`). The sources are TypeScript,
// run directly; bin/launch.mjs says how (a bundle cached on first run).
import { launch } from './launch.mjs';

await launch('lucid');
