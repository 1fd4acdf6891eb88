#!/usr/bin/env node
// `npm run package`: builds `fleet` and `fleetctl` as standalone executables (Node's single executable
// applications) that run on a Linux machine with no Node.js and no node_modules:
//   1. the swc build (dist/) and the web UI (dist/admin-ui), unless --no-build;
//   2. one CommonJS bundle per program with esbuild (from dist/, whose decorators already carry the metadata
//      Nest's injection reads; esbuild cannot emit it from TypeScript);
//   3. a preparation blob per program (`node --experimental-sea-config`), the web UI's files as its assets;
//   4. a copy of this Node binary with the blob injected by postject.
//
//   node tools/package.js [--out DIR] [--no-build]      (default DIR: dist/package)
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const outIndex = argv.indexOf('--out');
const OUT = path.resolve(ROOT, outIndex >= 0 ? argv[outIndex + 1] : path.join('dist', 'package'));
const WORK = path.join(OUT, '.work');
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * Packages required only on paths the product does not take (Nest's optional integrations, ws's native
 * accelerators, drivers TypeORM could load for other databases): each is bundled as a module that throws
 * MODULE_NOT_FOUND, as a missing package would, which each of those callers handles. (Left as real requires,
 * they would make Node warn that an executable's require() loads built-in modules only.)
 */
const OPTIONAL = [
  '@nestjs/websockets', '@nestjs/websockets/*', '@nestjs/platform-express', 'class-transformer', 'class-transformer/*', 'class-validator',
  '@fastify/static', '@fastify/view', 'bufferutil', 'utf-8-validate', 'pino-pretty', 'msgpackr-extract',
  'kafkajs', 'mqtt', 'amqp-connection-manager', '@grpc/grpc-js', '@grpc/proto-loader', 'redis',
  'pg', 'pg-native', 'pg-query-stream', 'sqlite3', 'better-sqlite3', 'mssql', 'oracledb', 'mongodb', 'mysql', '@sap/hana-client', '@sap/hana-client/*',
  'cardinal', 'hdb-pool', 'typeorm-aurora-data-api-driver', 'react-native-sqlite-storage', 'expo-sqlite', '@google-cloud/spanner', 'ioredis/built/*',
  '@opentelemetry/exporter-jaeger', '@opentelemetry/winston-transport', '@aws-sdk/signature-v4-crt', 'aws-crt',
];

const PROGRAMS = [
  { name: 'fleet', entry: path.join(ROOT, 'dist', 'apps', 'fleet', 'src', 'main.js'), ui: true },
  { name: 'fleetctl', entry: path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), ui: false },
];

function step(text) {
  process.stderr.write(`[package] ${text}\n`);
}

/** Every file below `dir`, as paths relative to it with forward slashes. */
function filesBelow(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesBelow(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

/** esbuild plugin: the listed packages (a trailing /* matches their subpaths) resolve to a module that throws. */
function notInstalled(names) {
  const matches = (p) => names.some((n) => (n.endsWith('/*') ? p.startsWith(n.slice(0, -1)) : p === n));
  return {
    name: 'not-installed',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => (matches(args.path) ? { path: args.path, namespace: 'not-installed' } : undefined));
      // mysql2 hides its optional highlighter from bundlers behind a computed name; name it plainly so that it
      // resolves here (and fail the build if that line changed, rather than warn at every start).
      build.onLoad({ filter: /mysql2[\\/]lib[\\/]helpers\.js$/ }, (args) => {
        const text = fs.readFileSync(args.path, 'utf8');
        const plain = text.replace('require(`cardinal${REQUIRE_TERMINATOR}`)', "require('cardinal')");
        if (plain === text) throw new Error(`${args.path}: the optional require of cardinal was not found`);
        return { contents: plain, loader: 'js' };
      });
      build.onLoad({ filter: /.*/, namespace: 'not-installed' }, (args) => ({
        contents: `throw Object.assign(new Error(${JSON.stringify(`Cannot find module '${args.path}'`)}), { code: 'MODULE_NOT_FOUND' });`,
        loader: 'js',
      }));
    },
  };
}

async function bundle(program) {
  const esbuild = require('esbuild');
  const outfile = path.join(WORK, `${program.name}.js`);
  const result = await esbuild.build({
    entryPoints: [program.entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    plugins: [notInstalled(OPTIONAL)], define: { FLEET_PACKAGED_VERSION: JSON.stringify(version) },
    keepNames: true, minify: false, legalComments: 'none', logLevel: 'error', metafile: true,
  });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  step(`${program.name}: bundle of ${Object.keys(result.metafile.inputs).length} modules, ${(bytes / 1e6).toFixed(1)} MB`);
  return outfile;
}

function seaBlob(program, main) {
  const blob = path.join(WORK, `${program.name}.blob`);
  const config = { main, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets: {} };
  if (program.ui) {
    const uiDir = path.join(ROOT, 'dist', 'admin-ui');
    if (!fs.existsSync(path.join(uiDir, 'index.html'))) throw new Error('dist/admin-ui is not built: run `npm run build:ui` (or drop --no-build)');
    for (const file of filesBelow(uiDir)) config.assets[`admin-ui/${file}`] = path.join(uiDir, file);
  }
  const configFile = path.join(WORK, `${program.name}.sea.json`);
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  execFileSync(process.execPath, ['--experimental-sea-config', configFile], { stdio: 'pipe' });
  return blob;
}

async function inject(program, blob) {
  const target = path.join(OUT, program.name);
  fs.rmSync(target, { force: true });
  fs.copyFileSync(process.execPath, target);
  fs.chmodSync(target, 0o755);
  // postject's CLI in a child process: its ELF library prints harmless warnings about note sections, shown
  // only when injecting fails.
  try {
    execFileSync(process.execPath, [require.resolve('postject/dist/cli.js'), target, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', FUSE], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(`postject failed on ${target}:\n${err.stderr?.toString() ?? err.message}`);
  }
  step(`${path.relative(ROOT, target)}: ${(fs.statSync(target).size / 1e6).toFixed(0)} MB`);
}

async function main() {
  if (!argv.includes('--no-build')) {
    step('building dist/ and the web UI');
    execFileSync(process.execPath, [path.join(ROOT, 'tools', 'build.js')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '--config', 'apps/admin-ui/vite.config.mts'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  fs.mkdirSync(WORK, { recursive: true });
  for (const program of PROGRAMS) await inject(program, seaBlob(program, await bundle(program)));
  fs.rmSync(WORK, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`[package] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
