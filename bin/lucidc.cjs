#!/usr/bin/env -S node --verify-snapshot-checksum
'use strict';
// lucidc — the compiler and lister (like `luac`). See bin/code-cache.cjs for
// what it runs (the built bundle, or a fresh bundle of the sources in a
// checkout) and how it starts quickly; bin/lucid.cjs, why the #! line
// asks V8 to checksum the code cache.
require('./code-cache.cjs').launch('lucidc');
