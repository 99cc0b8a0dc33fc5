#!/usr/bin/env -S node --max-semi-space-size=128
// lucid — the standalone interpreter (like `lua`). It runs the built bundle
// (dist/) or, in a checkout, the TypeScript sources; bin/launch.mjs says how.
//
// The #! line gives V8 a young generation of up to 128 MB. Every Lua object
// stays reachable from the collector's all-objects list until lucid's own
// sweep unlinks it, so with V8's default (16 MB) a program that allocates
// fast has its short-lived objects copied into V8's old generation before
// lucid frees them: binary-trees runs 2-2.5 times as long (docs/cli.md).
// `node bin/lucid.mjs` skips the #! line and with it this setting.
import { launch } from './launch.mjs';

await launch('lucid');
