#!/usr/bin/env node
// lucidc — the compiler and lister (like `luac`). See bin/launch.mjs for how
// the TypeScript sources run.
import { launch } from './launch.mjs';

await launch('lucidc');
