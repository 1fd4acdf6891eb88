// Three test tiers (house style 14), selected with `--selectProjects`:
//   unit  *.spec.ts beside the code in apps/, libs/, tools/: no database, no Redis, no network; time from a FixedClock
//   int   *.int.spec.ts beside the code: against the real MariaDB and Redis, one database and key prefix per file
//   e2e   e2e/: the built `fleet` and `fleetctl` binaries, simulated agents, nginx, Chromium
// `npm run test:unit|test:int|test:e2e` runs one tier; `npm test` runs all of them (scripts/test.sh).
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = `<rootDir>/${target}`;
}

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'], testMatch: ['**/*.spec.ts'], testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '/node_modules/'],
      setupFiles: [...common.setupFiles, '<rootDir>/tools/jest-unit-no-network.js'] },
    { ...common, displayName: 'int', roots: ['<rootDir>/apps', '<rootDir>/libs'], testMatch: ['**/*.int.spec.ts'], setupFiles: [...common.setupFiles, '<rootDir>/tools/jest-network-allowed.js'] },
    { ...common, displayName: 'e2e', roots: ['<rootDir>/e2e'], testMatch: ['**/*.spec.ts'], setupFiles: [...common.setupFiles, '<rootDir>/tools/jest-network-allowed.js'] },
  ],
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
};
