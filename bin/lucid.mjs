#!/usr/bin/env -S node --max-semi-space-size=128 --min-semi-space-size=4 --verify-snapshot-checksum
// The former name of bin/lucid.cjs, kept for scripts and habits that use
// it: it only hands over (the .cjs file is the package's `lucid` program).
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./lucid.cjs');
