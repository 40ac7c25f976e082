import nx from '@nx/eslint-plugin';

const depConstraints = [
  // The library is published on its own: at run time it depends on no workspace project.
  // Its integration specs may drive the simulator (scope:testing), which never ships.
  { sourceTag: 'scope:openai-metrics', onlyDependOnLibsWithTags: ['scope:testing'] },
  { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: [] },
  // Environment parsing shared by the ai app and the simulator; depends on no workspace project.
  { sourceTag: 'scope:env-config', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:testing', 'scope:env-config'] },
  { sourceTag: 'scope:ai', onlyDependOnLibsWithTags: ['scope:openai-metrics', 'scope:auth', 'scope:env-config'] },
  { sourceTag: 'scope:ai-e2e', onlyDependOnLibsWithTags: ['scope:testing', 'scope:openai-metrics', 'scope:auth'] },
  { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:openai-metrics', 'scope:testing'] },
  { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:openai-metrics', 'scope:testing', 'scope:auth'] },
  // The demo and CI scripts; the demo reads /metrics with the testing lib's exposition parser.
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:testing'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:util'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
];

const boundaries = (enforceBuildableLibDependency) => [
  'error',
  { enforceBuildableLibDependency, allow: [], depConstraints },
];

const testFiles = ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/tmp', '.nx/**', 'coverage/**'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    // Each project's eslint.config.mjs extends this file; that import is configuration, not a dependency.
    ignores: ['**/eslint.config.mjs'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
  {
    // Specs are never built into a package, so a buildable library may test against the simulator.
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
