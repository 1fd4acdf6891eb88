// Type-aware lint for the whole workspace, with Nx module boundaries enforced by tags:
//   type:domain      plain TypeScript, depends on nothing but util
//   type:contracts   zod schemas; may use domain and util
//   type:util        small helpers (config, observability); util only
//   type:data-access MySQL and Redis adapters
//   type:feature     Nest modules shared by several roles
//   type:app         a service role; never imports another app
//   type:composition the `fleet` binary, the one place that composes the roles
//   type:simulator   the agent simulator (osquery-perf): talks to the server over HTTP like a real agent, so it
//                    may use the wire contracts, domain and util but never server code
//   type:testing     integration-test helpers (test databases, test apps)
//   type:e2e         the e2e suite: drives built processes and composes anything, including the simulator
//   type:bench       benchmarks (bench/ has no project.json yet, so nothing carries this tag today)
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/*.js', '**/*.mjs', 'bench/results/**', 'apps/admin-ui/vite.config.mts'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:simulator', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:util'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:simulator', 'type:feature', 'type:data-access', 'type:domain', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:contracts', 'type:util', 'type:testing'] },
            { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:app', 'type:feature', 'type:data-access', 'type:domain', 'type:contracts', 'type:util', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:feature', 'type:data-access', 'type:domain', 'type:contracts', 'type:util', 'type:testing', 'type:simulator'] },
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:simulator', 'type:testing', 'type:domain', 'type:contracts', 'type:util'] },
            { sourceTag: 'scope:admin-ui', onlyDependOnLibsWithTags: ['type:contracts'] },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through @fleet/config.' }],
    },
  },
  {
    files: ['libs/config/src/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Integration specs of the libraries use the shared test harness (@fleet/testing), which itself builds on
    // those libraries; the boundary rule guards production code, not a library's own tests.
    files: ['libs/*/src/**/*.int.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // One home per concept: apps take record types from @fleet/domain or @fleet/contracts; from persistence
    // only repository classes (injection tokens) and the database plumbing the `fleet` binary needs.
    files: ['apps/**/*.ts', 'apps/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-syntax': ['error',
        {
          selector: "ImportDeclaration[source.value='@fleet/persistence'] > ImportSpecifier[imported.name!=/(Repository|^DataSource|^REPOSITORY_BINDINGS|^runMigrations|^migrationStatus|^MigrationStatus|^ensureDatabase|^createDataSource|^dataSourceOptions|^pingMysql|^splitHostPort|^withReadRoute)$/]",
          message: 'Apps import record types from @fleet/domain (or @fleet/contracts); from @fleet/persistence only repository classes and database plumbing.',
        },
        {
          selector: "MemberExpression[computed=true][object.name='row'], MemberExpression[computed=true][object.property.name='row']",
          message: 'Raw rows stay inside libs/persistence: repositories return typed records.',
        },
      ],
    },
  },
  {
    // Services, controllers, jobs and workers never take the raw Redis client: a store in @fleet/messaging owns
    // each concept's Redis operations. Module and provider wiring (and the fleet binary) may build stores from it.
    files: ['apps/**/*.ts'],
    ignores: ['**/*.module.ts', '**/*.providers.ts', 'apps/fleet/**', '**/*.spec.ts', '**/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: '@fleet/platform', importNames: ['REDIS'], message: 'Inject a store from @fleet/messaging instead of the raw Redis client.' },
          { name: '@fleet/messaging', importNames: ['RedisClient', 'createRedis'], message: 'Inject a store from @fleet/messaging instead of the raw Redis client.' },
        ],
      }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/persistence/**', 'libs/simulator/**', 'libs/testing/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[computed=true][object.name='row'], MemberExpression[computed=true][object.property.name='row']",
        message: 'Raw rows stay inside libs/persistence: repositories return typed records.',
      }],
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
