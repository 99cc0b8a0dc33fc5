/**
 * The layers of lucid, checked by dependency-cruiser in `npm test`
 * (`npm run deps`). Each folder of src/ is one layer and imports only the
 * layers below it; docs/architecture.md explains each one. From the bottom:
 *
 *   value → bytecode → object → gc → parser → compiler → vm → api → lib → platform → cli
 *
 * `src/version.ts` (the version facts) is a leaf every layer may import;
 * `src/index.ts` and `src/browser.ts` (the package's entry points) and
 * `src/surface.ts` (what both export) sit on top.
 */
const ORDER = ['value', 'bytecode', 'object', 'gc', 'parser', 'compiler', 'vm', 'api', 'lib', 'platform', 'cli'];

/** One rule per layer: nothing above it in ORDER. */
const layerRules = ORDER.map((layer, i) => {
  const above = ORDER.slice(i + 1);
  return above.length === 0 ? undefined : {
    name: `${layer}-imports-only-below`,
    comment: `src/${layer}/ may import only the layers below it (${ORDER.slice(0, i).join(', ') || 'none'}).`,
    severity: 'error',
    from: { path: `^src/${layer}/` },
    to: { path: `^src/(${above.join('|')})/|^src/(index|browser|surface)\\.ts$` },
  };
}).filter(Boolean);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'lib-through-the-api',
      comment: 'A library reaches the machine only through src/api (lua.h and lauxlib.h): it imports src/api, src/value and its own folder, nothing else of src/.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: '^src/', pathNot: '^src/(api|value|lib)/|^src/version\\.ts$' },
    },
    {
      name: 'gc-below-the-machine',
      comment: 'The collector reaches finalizers and roots through callbacks the state installs, never through the VM, the API or the libraries.',
      severity: 'error',
      from: { path: '^src/gc/' },
      to: { path: '^src/(vm|api|lib)/' },
    },
    {
      name: 'version-is-a-leaf',
      comment: 'src/version.ts holds the version facts and imports nothing.',
      severity: 'error',
      from: { path: '^src/version\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'core-has-no-node',
      comment: 'Only src/platform/ (the Node platform) and src/cli/ touch the host system; the rest runs unchanged in a browser.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(platform|cli)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-cycle-across-folders',
      comment: 'A cycle that leaves its folder means some layer imports upwards.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { circular: true, viaSomeNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'grammar\\.ohm-bundle' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
