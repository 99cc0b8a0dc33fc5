#!/usr/bin/env -S node --max-semi-space-size=128 --min-semi-space-size=4 --verify-snapshot-checksum
'use strict';
// lucid — the standalone interpreter (like `lua`). It runs the built bundle
// (dist/cli/lucid.cjs) or, in a checkout, a bundle of the TypeScript
// sources kept fresh; bin/code-cache.cjs says how, and how V8's code cache
// shortens the start.
//
// CommonJS, not an ES module: Node starts a CommonJS file without its ES
// module loader, a few milliseconds of every start.
//
// The #! line gives V8 a young generation of up to 128 MB. Every Lua object
// stays reachable from the collector's all-objects list until lucid's own
// sweep unlinks it, so with V8's default (16 MB) a program that allocates
// fast has its short-lived objects copied into V8's old generation before
// lucid frees them: binary-trees runs 2-2.5 times as long (docs/cli.md).
// It starts at 4 MB instead of 1: the start-up (Ohm's grammar, the
// libraries) then fits without the three young-generation collections it
// would otherwise cost (a few milliseconds).
// --verify-snapshot-checksum makes V8 checksum the code cache it writes
// and check it when it reads one, so that bin/code-cache.cjs need not
// (its own check loads node:zlib: 4-5 ms of a start).
// `node bin/lucid.cjs` skips the #! line and with it these settings.
require('./code-cache.cjs').launch('lucid');
