/**
 * The import rules of docs/decisions/0019-module-contract.md, checked by
 * test/architecture.test.ts (and `npx depcruise server/src web/src`).
 * A "room" is a module folder (server/src/modules/<m>/) or a folder inside one
 * (server/src/modules/<m>/<s>/, e.g. registry/ledger/): from outside a room, only
 * its index.ts (the face) may be imported.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: break it with a face, a port or by moving the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-face-from-outside',
      severity: 'error',
      comment: 'Outside server/src/modules/<m>/ import only server/src/modules/<m>/index.ts, the face of the module.',
      from: { pathNot: '^server/src/modules/[^/]+/' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: '^server/src/modules/[^/]+/index[.]ts$' },
    },
    {
      name: 'module-face-from-another-module',
      severity: 'error',
      comment: 'Another module is reached only through its face, server/src/modules/<m>/index.ts.',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: { path: '^server/src/modules/', pathNot: ['^server/src/modules/$1/', '^server/src/modules/[^/]+/index[.]ts$'] },
    },
    {
      name: 'folder-face-from-module-root',
      severity: 'error',
      comment: 'A folder inside a module (e.g. registry/ledger/) is reached only through its index.ts.',
      from: { path: '^server/src/modules/([^/]+)/[^/]+$' },
      to: { path: '^server/src/modules/$1/[^/]+/', pathNot: '^server/src/modules/$1/[^/]+/index[.]ts$' },
    },
    {
      name: 'folder-face-from-sibling-folder',
      severity: 'error',
      comment: 'A folder inside a module (e.g. registry/ledger/) is reached only through its index.ts, also from its sibling folders.',
      from: { path: '^server/src/modules/([^/]+)/([^/]+)/' },
      to: { path: '^server/src/modules/$1/[^/]+/', pathNot: ['^server/src/modules/$1/$2/', '^server/src/modules/$1/[^/]+/index[.]ts$'] },
    },
    {
      name: 'platform-and-kernel-know-no-module',
      severity: 'error',
      comment: 'server/src/platform and server/src/kernel serve every module and import none.',
      from: { path: '^server/src/(platform|kernel)/' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'portal-imports-no-other-portal',
      severity: 'error',
      comment: 'A portal imports domains/ and ui/, never another portal (web/src/portals/<p>/).',
      from: { path: '^web/src/portals/([^/]+)/' },
      to: { path: '^web/src/portals/', pathNot: '^web/src/portals/$1/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
