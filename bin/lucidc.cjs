#!/usr/bin/env node
'use strict';
// lucidc — the compiler and lister (like `luac`). See bin/code-cache.cjs for
// what it runs (the built bundle, or a fresh bundle of the sources in a
// checkout) and how it starts quickly.
require('./code-cache.cjs').launch('lucidc');
