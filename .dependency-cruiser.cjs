/**
 * The import rules of docs/architecture.md, checked by `npm run check:architecture` (part of `npm test`).
 * Each rule is an arrow that must not exist; everything not forbidden here is allowed.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two files one: neither can be read, tested or moved alone.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'shared-stays-pure',
      comment:
        'src/shared runs in every process: no electron, no Node built-ins, no DOM library, nothing of a process.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: {
        path: '^src/(main|renderer|preload|web|sandbox)/|(^|node_modules/)(electron|react|react-dom|zustand)(/|$)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-through-the-bridge',
      comment:
        'The renderer is untrusted and sandboxed: it reaches main only through window.linkdesk (src/renderer/api.ts).',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(main|preload|web|sandbox)/|(^|node_modules/)electron(/|$)' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-features-apart',
      comment:
        'A feature uses another only through shared pieces (src/renderer/components, hooks, stores, app); moving one feature never breaks another.',
      severity: 'error',
      from: { path: '^src/renderer/features/([^/]+)/' },
      to: { path: '^src/renderer/features/', pathNot: '^src/renderer/features/$1/' },
    },
    {
      name: 'shared-renderer-pieces-know-no-feature',
      comment: 'What every feature uses (components, hooks, lib, stores) must not depend on one of them.',
      severity: 'error',
      from: { path: '^src/renderer/(components|hooks|lib|stores)/' },
      to: { path: '^src/renderer/features/' },
    },
    {
      name: 'components-call-the-bridge-through-hooks',
      comment: 'A component reads as UI: the bridge is called from hooks and stores (`useUnlinkConnection`, …).',
      severity: 'error',
      from: { path: '^src/renderer/.+[.]tsx$' },
      to: { path: '^src/renderer/api[.]ts$' },
    },
    {
      name: 'bridge-only-in-api',
      comment: 'Only src/renderer/api.ts builds the bridge client; everything else imports it from there.',
      severity: 'error',
      from: { path: '^src/renderer/', pathNot: '^src/renderer/api[.]ts$' },
      to: { path: '^src/renderer/bridge/' },
    },
    {
      name: 'preload-only-shared',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { path: '^src/(main|renderer|web|sandbox)/' },
    },
    {
      name: 'electron-only-in-adapters',
      comment:
        "Services depend on ports (src/main/ports.ts); electron is imported only in main's Electron folder and the preload.",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(main/electron|preload)/' },
      to: { path: '(^|node_modules/)electron(/|$)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-not-adapters',
      comment: 'A service gets its platform through ports; it never picks an adapter itself.',
      severity: 'error',
      from: { path: '^src/main/(services|operations|codat|branding|bridge|storage)/' },
      to: { path: '^src/main/(platform|electron)/' },
    },
    {
      name: 'services-publish-through-ports',
      comment:
        'Services tell the pages through the EventPublisher port; only the composition root and the hosts know the bridge.',
      severity: 'error',
      from: { path: '^src/main/(services|storage|codat|branding|rules)/' },
      to: { path: '^src/main/bridge/' },
    },
    {
      name: 'main-rules-stay-pure',
      comment:
        'src/main/rules holds the decisions main applies, as functions of their input: no services, ports, stores or electron.',
      severity: 'error',
      from: { path: '^src/main/rules/' },
      to: {
        path: '^src/(main|renderer|preload|web|sandbox)/|(^|node_modules/)electron(/|$)',
        pathNot: '^src/main/rules/',
      },
    },
    {
      name: 'main-rules-no-node',
      comment: 'A rule reads no file and opens no socket (no Node built-ins): what it needs comes in as arguments.',
      severity: 'error',
      from: { path: '^src/main/rules/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'main-not-renderer-or-web',
      severity: 'error',
      from: { path: '^src/main/' },
      to: { path: '^src/(renderer|web|preload)/' },
    },
    {
      name: 'sandbox-only-through-the-node-adapter',
      comment: 'Production code starts the training sandbox only through src/main/platform/node (lazily).',
      severity: 'error',
      from: { path: '^src/(main|web)/', pathNot: '^src/main/platform/node/' },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'sandbox-stands-alone',
      comment: 'The sandbox is a stand-in for Codat: it knows Codat shapes (src/shared/codat), never Linkdesk.',
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/(main|renderer|preload|web)/' },
    },
    {
      name: 'web-not-renderer-or-sandbox',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(renderer|preload|sandbox)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '[.](css|svg|png|woff2?)$|[?]asset$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
