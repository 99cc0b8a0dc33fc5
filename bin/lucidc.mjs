#!/usr/bin/env node
// lucidc — the compiler and lister (like `luac`). See bin/lucid.mjs for why
// the TypeScript sources run directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/lucidc.ts');
