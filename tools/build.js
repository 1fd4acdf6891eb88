#!/usr/bin/env node
// Compiles apps/ and libs/ to dist/ with swc. The swc config is generated here because swc needs an
// absolute baseUrl to rewrite the @fleet/* path aliases of tsconfig.base.json into relative requires.
//
//   node tools/build.js [--out DIR] [--only apps,libs,bench] [--refuse-while-serving]
//
// --out builds into another folder (tools such as osquery-perf use their own, so that running them never
// replaces the files of a server started from dist/); --refuse-while-serving stops before touching the
// output folder when a `fleet serve` of this checkout runs from it (the benchmarks rebuild dist/ itself).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function option(name) {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** Processes (pid and command line) running `fleet serve` from `outDir`, read from /proc (none found elsewhere). */
function serversRunningFrom(outDir) {
  if (!fs.existsSync('/proc')) return [];
  const bin = path.join(root, 'bin', 'fleet.js');
  const found = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
    let argv;
    let cwd = '';
    try {
      argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue; // gone, or not ours to read
    }
    if (!argv.includes('serve')) continue;
    const script = argv.find((a) => a.endsWith('fleet.js') || a.includes(`${path.sep}apps${path.sep}fleet${path.sep}`));
    if (!script) continue;
    const abs = path.resolve(cwd, script);
    if (abs === bin ? outDir === path.join(root, 'dist') : abs.startsWith(outDir + path.sep)) found.push(`${pid}: ${argv.join(' ')}`);
  }
  return found;
}

const outDir = path.resolve(root, option('--out') ?? 'dist');
const only = option('--only')?.split(',');
if (process.argv.includes('--refuse-while-serving')) {
  const running = serversRunningFrom(outDir);
  if (running.length > 0) {
    process.stderr.write(`Not rebuilding ${path.relative(root, outDir)}/: a fleet server runs from it and would break:\n  ${running.join('\n  ')}\nStop it first.\n`);
    process.exit(1);
  }
}

const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
swcrc.jsc.baseUrl = root;
swcrc.jsc.paths = base.compilerOptions.paths;
delete swcrc.$schema;
const configFile = path.join(root, 'node_modules', '.cache', 'swc-build.json');
fs.mkdirSync(path.dirname(configFile), { recursive: true });
fs.writeFileSync(configFile, JSON.stringify(swcrc, null, 2));

const swcBin = path.join(root, 'node_modules', '.bin', 'swc');
const dirs = ['apps', 'libs', 'bench'].filter((d) => fs.existsSync(path.join(root, d)) && (!only || only.includes(d)));
// The build goes to a scratch folder beside the output first and replaces each output folder by renames, so
// a process running from the output (a server, a test in another Jest worker) never finds a folder missing or
// half written for longer than between two renames. Only this build's own folders are replaced;
// dist/admin-ui (Vite's, `npm run build:ui`) and dist/package stay.
const scratch = path.join(outDir, `.next-${process.pid}`);
fs.rmSync(scratch, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
try {
  execFileSync(
    swcBin,
    [...dirs, '-d', scratch, '--config-file', configFile, '--ignore', '**/*.spec.ts', '--ignore', '**/*.test.ts', '--ignore', 'apps/admin-ui/**', '--copy-files'],
    { cwd: root, stdio: 'inherit' },
  );
  for (const d of dirs) {
    const target = path.join(outDir, d);
    const old = path.join(outDir, `.old-${process.pid}-${d}`);
    if (fs.existsSync(target)) fs.renameSync(target, old);
    fs.renameSync(path.join(scratch, d), target);
    fs.rmSync(old, { recursive: true, force: true });
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
