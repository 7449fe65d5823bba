/**
 * The import rules (`.dependency-cruiser.cjs`, run by `npm run check:architecture`) catch what they forbid: each
 * rule against a fixture tree that breaks it on purpose, and the real source against all of them.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const rules = createRequire(import.meta.url)('../../.dependency-cruiser.cjs');
const fixtures = path.resolve('test/architecture/fixtures');

async function violations(baseDir: string, tsConfig?: string) {
  const { output } = await cruise(['src'], {
    baseDir,
    validate: true,
    ruleSet: { forbidden: rules.forbidden },
    doNotFollow: { path: 'node_modules' },
    exclude: rules.options.exclude,
    tsPreCompilationDeps: true,
    ...(tsConfig ? { tsConfig: { fileName: tsConfig } } : {}),
  });
  return (output as ICruiseResult).summary.violations.map((violation) => `${violation.rule.name}: ${violation.from}`);
}

describe('architecture rules', () => {
  it('catch every forbidden arrow in the fixture tree, and only those', { timeout: 60_000 }, async () => {
    expect((await violations(fixtures)).sort()).toEqual(
      [
        'no-cycles: src/main/cycle-a.ts',
        'electron-only-in-adapters: src/main/services/uses-electron.ts',
        'electron-only-in-adapters: src/main/window.ts',
        'services-not-adapters: src/main/services/uses-adapter.ts',
        'services-publish-through-ports: src/main/services/uses-hub.ts',
        'main-rules-no-node: src/main/rules/reads-files.ts',
        'main-rules-stay-pure: src/main/rules/uses-store.ts',
        'renderer-features-apart: src/renderer/features/a/crossing.ts',
        'renderer-only-through-the-bridge: src/renderer/uses-main.ts',
        'sandbox-only-through-the-node-adapter: src/web/uses-sandbox.ts',
        'shared-no-node: src/shared/uses-fs.ts',
        'components-call-the-bridge-through-hooks: src/renderer/components/Button.tsx',
        'shared-renderer-pieces-know-no-feature: src/renderer/components/Button.tsx',
        'web-not-renderer-or-sandbox: src/web/uses-sandbox.ts',
      ].sort(),
    );
  });

  it('hold for the real source', { timeout: 120_000 }, async () => {
    expect(await violations(path.resolve('.'), 'tsconfig.node.json')).toEqual([]);
  });
});
