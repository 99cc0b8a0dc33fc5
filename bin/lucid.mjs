#!/usr/bin/env node
// lucid — the standalone interpreter (like `lua`). The sources are TypeScript;
// tsx compiles them on the fly, so there is no build step to remember.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/lucid.ts');
