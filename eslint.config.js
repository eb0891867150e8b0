import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/**
 * Dependency rules of the design brief, enforced through Nx project tags:
 * scim depends on nothing of ours; core on scim; connectors only on core, scim and the testkit;
 * apps and tools on anything. Core never imports a connector.
 */
const dependencyRules = [
  { sourceTag: 'type:scim', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:scim'] },
  { sourceTag: 'type:store', onlyDependOnLibsWithTags: ['type:core', 'type:scim'] },
  { sourceTag: 'type:testkit', onlyDependOnLibsWithTags: ['type:core', 'type:scim'] },
  { sourceTag: 'type:connector', onlyDependOnLibsWithTags: ['type:core', 'type:scim', 'type:testkit'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
];

/**
 * Test code of a connector may also use the store (the SCIM server's tests need a real hub)
 * and the tools (simulators, the throwaway slapd): real parts in tests, never in the plugin.
 */
const testDependencyRules = dependencyRules.map((rule) =>
  rule.sourceTag === 'type:connector'
    ? { ...rule, onlyDependOnLibsWithTags: [...rule.onlyDependOnLibsWithTags, 'type:store', 'type:tool'] }
    : rule,
);

const boundaries = (depConstraints) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(dependencyRules),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['packages/connector-*/src/**/*.test.ts', 'packages/connector-*/src/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(testDependencyRules) },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  prettier,
);
