#!/usr/bin/env -S node --verify-snapshot-checksum
// The former name of bin/lucidc.cjs, kept for scripts and habits that use
// it: it only hands over (the .cjs file is the package's `lucidc` program).
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./lucidc.cjs');
