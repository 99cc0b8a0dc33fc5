#!/usr/bin/env node
// lucidc — the compiler and lister (like `luac`). See bin/launch.mjs for what
// it runs (the built bundle, or the TypeScript sources in a checkout).
import { launch } from './launch.mjs';

await launch('lucidc');
