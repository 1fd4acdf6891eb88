import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { byKind, describeDeploymentChecks, named, parseManifests } from './support/manifest-checks';
import type { K8sObject } from './support/manifest-checks';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const CHART = join(ROOT, 'charts', 'fleet');
const work = mkdtempSync(join(tmpdir(), 'chart-render-'));
let renderer: Promise<string> | undefined;

/**
 * Builds tools/chart-render (Go text/template + sprig, Helm's engine) once, against Debian's Go packages
 * (golang-go, golang-github-masterminds-sprig-dev, golang-gopkg-yaml.v3-dev) in GOPATH mode.
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

async function render(values: string | null, release = 'fleet'): Promise<{ objs: K8sObject[]; notes: string }> {
  const args = [CHART, '--name', release, '--namespace', 'fleet'];
  if (values !== null) {
    const file = join(work, `values-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, values);
    args.push('-f', file);
  }
  const { stdout, stderr } = await run(await buildRenderer(), args, { maxBuffer: 10 * 1024 * 1024 });
  const objs = parseManifests(stdout);
  for (const o of objs) o.metadata.namespace ??= 'fleet';
  return { objs, notes: stderr };
}

describe('charts/fleet with its default values', () => {
  describeDeploymentChecks(async () => (await render(null)).objs);
});

describe('charts/fleet installed as "acme" with custom values', () => {
  describeDeploymentChecks(async () => (await render('config:\n  FLEET_SESSION_DURATION: 12h\n', 'acme')).objs, 'acme-fleet');
});

describe('charts/fleet values', () => {
  it('runs prepare db as a pre-install/pre-upgrade hook that does not depend on the chart\'s own objects', async () => {
    const { objs } = await render(null);
    const job = named(objs, 'Job', 'fleet-prepare-db');
    expect(job?.metadata?.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    const pod = job?.spec?.template.spec;
    expect(pod?.serviceAccountName).toBe('default');
    expect(pod?.containers[0].envFrom).toBeUndefined();
  });

  it('drops autoscalers for fixed replicas, and the Ingress and budgets when switched off', async () => {
    const { objs } = await render(`roles:
  ingest: { replicas: 5, autoscaling: { enabled: false }, podDisruptionBudget: { enabled: false } }
ingress: { enabled: false }
`);
    expect(named(objs, 'Deployment', 'fleet-ingest')?.spec?.replicas).toBe(5);
    expect(named(objs, 'Deployment', 'fleet-api')?.spec?.replicas).toBeUndefined();
    expect(byKind(objs, 'HorizontalPodAutoscaler').map((h) => h.metadata?.name).sort()).toEqual(['fleet-api', 'fleet-live-query']);
    expect(byKind(objs, 'PodDisruptionBudget').map((h) => h.metadata?.name).sort()).toEqual(['fleet-api', 'fleet-live-query']);
    expect(byKind(objs, 'Ingress')).toEqual([]);
  });

  it('passes extra FLEET_* settings, the image tag and pull secrets through to every role', async () => {
    const { objs, notes } = await render(`image: { tag: "9.9.9" }
imagePullSecrets: [{ name: regcred }]
config: { FLEET_SESSION_DURATION: 12h }
ingress: { host: fleet.acme.test }
`);
    for (const d of byKind(objs, 'Deployment')) {
      const pod = d.spec?.template.spec;
      expect(pod?.containers[0].image).toBe('ghcr.io/fleet-ts/fleet:9.9.9');
      expect(pod?.imagePullSecrets).toEqual([{ name: 'regcred' }]);
      expect(pod?.containers[0].env).toContainEqual({ name: 'FLEET_SESSION_DURATION', value: '12h' });
    }
    expect(byKind(objs, 'Ingress')[0]?.spec?.rules?.[0].host).toBe('fleet.acme.test');
    expect(notes).toContain('fleetctl config set --address https://fleet.acme.test');
  });

  it('adds the Prometheus Operator objects on request, with alert templates left for Prometheus', async () => {
    const { objs } = await render('metrics: { serviceMonitor: { enabled: true }, prometheusRule: { enabled: true } }\n');
    const monitor = objs.find((o) => o.kind === 'ServiceMonitor') as unknown as { spec: { endpoints: Array<{ path: string }> } };
    expect(monitor.spec.endpoints[0].path).toBe('/metrics');
    const rule = objs.find((o) => o.kind === 'PrometheusRule') as unknown as { spec: { groups: Array<{ rules: Array<{ alert: string; annotations: { summary: string } }> }> } };
    const down = rule.spec.groups[0].rules.find((r) => r.alert === 'FleetRoleDown');
    expect(down?.annotations.summary).toBe('No {{ $labels.service }} pod answers /metrics.');
  });

  it('refuses to render without an Ingress host or a MySQL password Secret', async () => {
    await expect(render('ingress: { host: "" }\n')).rejects.toThrow(/ingress\.host is required/);
    await expect(render('mysql: { passwordSecret: { name: "" } }\n')).rejects.toThrow(/mysql\.passwordSecret\.name is required/);
  });
});
