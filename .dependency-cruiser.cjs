/**
 * The layering of Casebook, enforced by dependency-cruiser (`npm run check:deps`,
 * part of `npm run check` and of .ci/run). docs/ARCHITECTURE.md, "Layers", draws
 * the same rules; change both together.
 *
 * Folders: extension/ (the browser extension), worker/ (the Cloudflare Worker),
 * shared/ (pure code both run), scripts/ (developer and deploy tooling),
 * bench/ (benchmarks), tests/.
 */
/** Packages that only run in a browser extension, a DOM, Node, or on Workers: never in shared/. */
const PLATFORM_PACKAGES = [
  'wxt',
  '@wxt-dev',
  'webextension-polyfill',
  'dexie',
  'dexie-react-hooks',
  'react',
  'react-dom',
  '@tanstack',
  'hono',
  '@hono',
  '@cloudflare',
  'playwright-core',
  'fake-indexeddb',
  'happy-dom',
  'linkedom',
].map((name) => `(^|/)node_modules/${name.replace(/[.]/g, '\\.')}/`);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-no-platform-packages',
      severity: 'error',
      comment: 'shared/ uses only platform-neutral packages (zod, date-fns, csv-parse, jsonc-parser, ulid…).',
      from: { path: '^shared/' },
      to: {
        path: [...PLATFORM_PACKAGES, '^cloudflare:', '^node:'],
      },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment:
        'shared/ runs in the panel, the content script, the worker and Node alike: it imports neither extension/, worker/, scripts/, bench/ nor tests/, not even their types (the contracts live in shared/ and flow outwards).',
      from: { path: '^shared/' },
      to: { path: '^(extension|worker|scripts|bench|tests)/' },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      comment: 'shared/ does not use Node built-ins (fs, path, crypto…): the browser and Workers have none of them.',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'worker-not-extension',
      severity: 'error',
      comment: 'The worker never imports the extension (not even its types): both meet in shared/.',
      from: { path: '^worker/' },
      to: { path: '^extension/' },
    },
    {
      name: 'extension-not-worker',
      severity: 'error',
      comment:
        'The extension never runs worker code. Allowed: `import type` of the worker app (AppType) for a typed RPC client (hono/client `hc<AppType>`), which is erased at build time.',
      from: { path: '^extension/' },
      to: { path: '^worker/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'db-not-sync',
      severity: 'error',
      comment:
        'The local store does not know about sync; sync reads and writes the store. The store announces its writes (extension/db/events.ts `onLocalWrite`) and the sync trigger subscribes; no exceptions.',
      from: { path: '^extension/db/' },
      to: { path: '^extension/sync/' },
    },
    {
      name: 'search-is-pure',
      severity: 'error',
      comment:
        'The Library search (extension/search/) works on a list of evidence it is given: it reads no database, calls no API and renders nothing.',
      from: { path: '^extension/search/' },
      to: { path: '^extension/(db|sync|api|components|hooks)/' },
    },
    {
      name: 'capture-script-stays-small-and-tokenless',
      severity: 'error',
      comment:
        'The capture content scripts (one per site) and the diagnostics script run inside web pages: nothing they reach may hold the session, the token, the API client, the database or sync (docs/SECURITY.md, "Extension"). tests/unit/hardening.test.ts also checks the source of every module it reaches.',
      from: { path: '^extension/entrypoints/(capture-[^/]+|diagnostics)\\.ts$' },
      to: {
        reachable: true,
        path: [
          '^extension/(api|db|sync|components|hooks)/',
          'session',
          '(^|/)node_modules/dexie/',
          '(^|/)node_modules/wxt/.*browser',
        ],
      },
    },
    {
      name: 'scripts-not-tests',
      severity: 'error',
      comment: 'Tooling (npm start, demo, deploy, package) never imports tests/: shared helpers live in scripts/lib/.',
      from: { path: '^scripts/' },
      to: { path: '^tests/' },
    },
    {
      name: 'product-not-tooling',
      severity: 'error',
      comment: 'The extension, the worker and shared/ never import scripts/, bench/ or tests/.',
      from: { path: '^(extension|worker|shared)/' },
      to: { path: '^(scripts|bench|tests)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No runtime import cycles. A cycle made only through `import type` is erased at build time and allowed (extension/importers/connection.ts takes the `ImportDeps` type from its own index.ts); prefer moving such types to a leaf module.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'Every import resolves (a typo or a package missing from package.json); `cloudflare:*` are the Workers runtime and test pool modules.',
      from: {},
      to: { couldNotResolve: true, pathNot: '^cloudflare:' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^tests/fixtures/', '^tests/expected/', '(^|/)\\.output/', '(^|/)\\.wxt/', '(^|/)\\.wrangler/'] },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
