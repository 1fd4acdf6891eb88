#!/usr/bin/env node
// Compiles apps/ and libs/ to dist/ with swc. The swc config is generated here because swc needs an
// absolute baseUrl to rewrite the @fleet/* path aliases of tsconfig.base.json into relative requires.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
swcrc.jsc.baseUrl = root;
swcrc.jsc.paths = base.compilerOptions.paths;
delete swcrc.$schema;
const configFile = path.join(root, 'node_modules', '.cache', 'swc-build.json');
fs.mkdirSync(path.dirname(configFile), { recursive: true });
fs.writeFileSync(configFile, JSON.stringify(swcrc, null, 2));

const swcBin = path.join(root, 'node_modules', '.bin', 'swc');
const dirs = ['apps', 'libs', 'bench'].filter((d) => fs.existsSync(path.join(root, d)));
// Only this build's own output goes; dist/admin-ui (Vite's, `npm run build:ui`) stays.
for (const d of dirs) fs.rmSync(path.join(root, 'dist', d), { recursive: true, force: true });
execFileSync(
  swcBin,
  [...dirs, '-d', 'dist', '--config-file', configFile, '--ignore', '**/*.spec.ts', '--ignore', '**/*.test.ts', '--ignore', 'apps/admin-ui/**', '--copy-files'],
  { cwd: root, stdio: 'inherit' },
);
