import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { parseManifests } from './manifest-checks';
import type { K8sObject } from './manifest-checks';

export const run = promisify(execFile);
export const ROOT = join(__dirname, '..', '..', '..');
export const CHART = join(ROOT, 'charts', 'fleet');
const work = mkdtempSync(join(tmpdir(), 'chart-render-'));
let renderer: Promise<string> | undefined;

/**
 * Builds tools/chart-render (Go text/template + sprig, Helm's engine) once per test file, against Debian's Go
 * packages (golang-go, golang-github-masterminds-sprig-dev, golang-gopkg-yaml.v3-dev) in GOPATH mode.
 */
function buildRenderer(): Promise<string> {
  renderer ??= (async () => {
    const src = join(work, 'gopath', 'src', 'chartrender');
    mkdirSync(src, { recursive: true });
    copyFileSync(join(ROOT, 'tools', 'chart-render', 'main.go'), join(src, 'main.go'));
    const bin = join(work, 'chart-render');
    // `env` adds Go's settings to the inherited environment (the test reads no variables itself).
    await run('env', ['GO111MODULE=off', `GOPATH=${join(work, 'gopath')}:/usr/share/gocode`, `GOCACHE=${join(work, 'cache')}`, 'go', 'build', '-o', bin, '.'], { cwd: src });
    return bin;
  })();
  return renderer;
}

export interface Rendered {
  readonly objs: K8sObject[];
  readonly notes: string;
}

/** `helm template <release> charts/fleet --namespace fleet [-f <values>]`, parsed; `values` is YAML text. */
export async function render(values: string | null, release = 'fleet'): Promise<Rendered> {
  const args = [CHART, '--name', release, '--namespace', 'fleet'];
  if (values !== null) {
    const file = join(work, `values-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, values);
    args.push('-f', file);
  }
  const { stdout, stderr } = await run(await buildRenderer(), args, { maxBuffer: 20 * 1024 * 1024 });
  const objs = parseManifests(stdout);
  for (const o of objs) o.metadata.namespace ??= 'fleet';
  return { objs, notes: stderr };
}

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Helm's merge of user values over the chart's: maps key by key, anything else replaced. */
export function mergeValues(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isTree(v) && isTree(base[k]) ? mergeValues(base[k], v) : v;
  return out;
}

export const chartValues = (): Tree => parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Tree;

/** A temporary folder for files the tests write (rule files for promtool, for example). */
export const workDir = (): string => work;
