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

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: dependencyRules },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  prettier,
);
