import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CHART, mergeValues, render, run, workDir } from './support/chart-render';
import { byKind, describeDeploymentChecks, named } from './support/manifest-checks';
import type { K8sObject } from './support/manifest-checks';
import { VALUE_SETS } from './support/value-sets';

for (const [name, values] of Object.entries(VALUE_SETS)) {
  describe(`charts/fleet with ${name}`, () => {
    const ingressOff = (parse(values ?? '{}') as { ingress?: { enabled?: boolean } } | null)?.ingress?.enabled === false;
    describeDeploymentChecks(async () => (await render(values)).objs, { ingress: !ingressOff });
  });
}

describe('charts/fleet installed as "acme" with custom values', () => {
  describeDeploymentChecks(async () => (await render('config:\n  FLEET_SESSION_DURATION: 12h\n', 'acme')).objs, { prefix: 'acme-fleet' });
});

const container = (objs: K8sObject[], role: string) => named(objs, 'Deployment', `fleet-${role}`)?.spec?.template.spec?.containers[0];
const pod = (objs: K8sObject[], role: string) => named(objs, 'Deployment', `fleet-${role}`)?.spec?.template;

describe('charts/fleet values', () => {
  it('migrates in two phases: expand before the rollout, contract after it, neither depending on the chart\'s own objects', async () => {
    const { objs } = await render(null);
    const expand = named(objs, 'Job', 'fleet-migrate-expand');
    const contract = named(objs, 'Job', 'fleet-migrate-contract');
    expect(expand?.metadata?.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    expect(contract?.metadata?.annotations).toMatchObject({ 'helm.sh/hook': 'post-install,post-upgrade' });
    expect(contract?.spec?.template.spec?.containers[0].args).toEqual(['prepare', 'db', '--no-prompt', '--phase', 'contract']);
    for (const job of [expand, contract]) expect(job?.spec?.template.spec?.serviceAccountName).toBe('default');
    const plain = await render('prepareDb: { hook: false, ttlSecondsAfterFinished: 600 }\n');
    expect(named(plain.objs, 'Job', 'fleet-migrate-expand')?.metadata?.annotations).toBeUndefined();
    expect(named(plain.objs, 'Job', 'fleet-migrate-expand')?.spec?.ttlSecondsAfterFinished).toBe(600);
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

  it('scales each role with KEDA on its own backlog instead of the CPU autoscaler', async () => {
    const { objs } = await render(VALUE_SETS['KEDA autoscaling on every role']);
    expect(byKind(objs, 'HorizontalPodAutoscaler')).toEqual([]);
    const triggers = (role: string) => named(objs, 'ScaledObject', `fleet-${role}`)?.spec.triggers ?? [];
    const queries = (role: string) => triggers(role).filter((t) => t.type === 'prometheus').map((t) => t.metadata['query']);
    for (const role of ['ingest', 'api', 'live-query']) {
      expect(triggers(role).map((t) => t.type)).toContain('cpu');
      for (const t of triggers(role).filter((x) => x.type === 'prometheus')) {
        expect(t.metadata).toMatchObject({ serverAddress: 'http://prometheus.monitoring:9090' });
        expect(t.authenticationRef).toEqual({ name: 'prometheus-auth' });
        expect(t.metadata['query']).toContain(`namespace="fleet", job="fleet-${role}"`);
        expect(t.metadata['query']).not.toContain('{{');
      }
    }
    expect(queries('ingest')[0]).toMatch(/fleet_stream_lag\{.*host_writes.*fleet_stream_pending/);
    expect(queries('api')[0]).toContain('rate(http_requests_total{');
    expect(queries('live-query')).toEqual([expect.stringContaining('fleet_live_query_campaigns_active'), expect.stringContaining('fleet_job_queue_jobs')]);
    expect(named(objs, 'ScaledObject', 'fleet-ingest')?.spec).toMatchObject({ minReplicaCount: 2, maxReplicaCount: 20 });
  });

  it('passes extra FLEET_* settings, the image, pull secrets and Secret-held options through to every role and migration', async () => {
    const { objs, notes } = await render(stringify(mergeValues(parse(VALUE_SETS['secrets from external Secrets'] ?? '') as Record<string, unknown>, {
      image: { tag: '9.9.9' }, imagePullSecrets: [{ name: 'regcred' }], config: { FLEET_SESSION_DURATION: '12h' }, ingress: { host: 'fleet.acme.test' },
    })));
    for (const w of [...byKind(objs, 'Deployment'), ...byKind(objs, 'Job')]) {
      const spec = w.spec?.template.spec;
      expect(spec?.containers[0].image).toBe('ghcr.io/fleet-ts/fleet:9.9.9');
      expect(spec?.imagePullSecrets).toEqual([{ name: 'regcred' }]);
      expect(spec?.containers[0].env).toContainEqual({ name: 'FLEET_SESSION_DURATION', value: '12h' });
      expect(spec?.containers[0].env).toContainEqual({ name: 'FLEET_PROMETHEUS_BASIC_AUTH_PASSWORD', valueFrom: { secretKeyRef: { name: 'fleet-metrics', key: 'password' } } });
      expect(spec?.containers[0].env?.find((e) => e.name === 'FLEET_REDIS_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({ name: 'redis-auth', key: 'redis-password', optional: false });
      expect(spec?.containers[0].envFrom).toEqual([{ secretRef: { name: 'fleet-extra' } }]);
    }
    expect(byKind(objs, 'Ingress')[0]?.spec?.rules?.[0].host).toBe('fleet.acme.test');
    expect(notes).toContain('fleetctl config set --address https://fleet.acme.test');
    const digest = await render('image: { digest: "sha256:0123abcd" }\n');
    expect(container(digest.objs, 'api')?.image).toBe('ghcr.io/fleet-ts/fleet@sha256:0123abcd');
  });

  it('places pods as asked: global and per-role labels, annotations, node selectors, tolerations, affinity, spread', async () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['agents'] }] }] } } };
    const spread = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'fleet' } } }];
    const { objs } = await render(stringify({
      podAnnotations: { 'prometheus.io/scrape': 'true' }, podLabels: { team: 'sec' }, nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'fleet', effect: 'NoSchedule' }], topologySpreadConstraints: spread, priorityClassName: 'high',
      roles: { ingest: { affinity, podLabels: { tier: 'agents' }, podAnnotations: { note: 'x' }, nodeSelector: { pool: 'agents' }, tolerations: [{ key: 'agents', operator: 'Exists' }], extraEnv: [{ name: 'FLEET_LOGGING_DEBUG', value: 'true' }] } },
    }));
    const ingest = pod(objs, 'ingest');
    const api = pod(objs, 'api');
    expect(ingest?.metadata?.labels).toMatchObject({ team: 'sec', tier: 'agents', 'app.kubernetes.io/component': 'ingest' });
    expect(api?.metadata?.labels).not.toHaveProperty('tier');
    expect(ingest?.metadata?.annotations).toEqual({ 'prometheus.io/scrape': 'true', note: 'x' });
    expect(ingest?.spec?.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', pool: 'agents' });
    expect(api?.spec?.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(ingest?.spec?.tolerations).toHaveLength(2);
    expect(api?.spec?.tolerations).toHaveLength(1);
    expect(ingest?.spec?.affinity).toEqual(affinity);
    expect(api?.spec?.affinity).toBeUndefined();
    expect(api?.spec?.topologySpreadConstraints).toEqual(spread);
    expect(api?.spec?.priorityClassName).toBe('high');
    expect(container(objs, 'ingest')?.env).toContainEqual({ name: 'FLEET_LOGGING_DEBUG', value: 'true' });
    expect(container(objs, 'api')?.env?.map((e) => e.name)).not.toContain('FLEET_LOGGING_DEBUG');
    // The selector stays the chart's own: extra pod labels must not orphan the ReplicaSets of an installed release.
    expect(named(objs, 'Deployment', 'fleet-ingest')?.spec?.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'fleet', 'app.kubernetes.io/instance': 'fleet', 'app.kubernetes.io/component': 'ingest' });
  });

  it('takes probes from values, with a start-up probe by default', async () => {
    const { objs } = await render('probes: { readiness: { httpGet: { path: /healthz, port: http }, periodSeconds: 3, failureThreshold: 4 }, startup: { tcpSocket: { port: http }, failureThreshold: 150, periodSeconds: 2 } }\n');
    // Helm merges the given map into the default one: the default 5 s timeout stays unless it is overridden.
    expect(container(objs, 'api')?.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 3, timeoutSeconds: 5, failureThreshold: 4 });
    expect(container(objs, 'api')?.startupProbe?.failureThreshold).toBe(150);
    const defaults = (await render(null)).objs;
    expect(container(defaults, 'ingest')?.livenessProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 10, failureThreshold: 6 });
    expect(container(defaults, 'ingest')?.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 3 });
  });

  it('names objects after nameOverride and fullnameOverride', async () => {
    const short = await render('fullnameOverride: osq\n', 'prod');
    expect(byKind(short.objs, 'Deployment').map((d) => d.metadata?.name).sort()).toEqual(['osq-api', 'osq-ingest', 'osq-live-query']);
    expect(byKind(short.objs, 'Ingress')[0]?.spec?.rules?.[0].http?.paths.map((p) => p.backend.service?.name)).toContain('osq-ingest');
    const renamed = await render('nameOverride: osquery\n', 'prod');
    expect(byKind(renamed.objs, 'Service').map((d) => d.metadata?.name).sort()).toEqual(['prod-osquery-api', 'prod-osquery-ingest', 'prod-osquery-live-query']);
    expect(named(renamed.objs, 'Deployment', 'prod-osquery-api')?.spec?.selector.matchLabels).toMatchObject({ 'app.kubernetes.io/name': 'osquery' });
  });

  it('ships the alert rules and the Grafana dashboard, narrowed to the release, on request', async () => {
    const { objs } = await render(VALUE_SETS['monitoring on'], 'acme');
    const monitor = objs.find((o) => o.kind === 'ServiceMonitor') as unknown as { metadata: { labels: Record<string, string> }; spec: { endpoints: Array<{ path: string }> } };
    expect(monitor.spec.endpoints[0].path).toBe('/metrics');
    expect(monitor.metadata.labels).toMatchObject({ release: 'kps' });
    const rule = objs.find((o) => o.kind === 'PrometheusRule') as unknown as { spec: { groups: Array<{ rules: Array<{ alert: string; expr: string; annotations: { summary: string } }> }> } };
    const rules = rule.spec.groups.flatMap((g) => g.rules);
    expect(rules.find((r) => r.alert === 'FleetRoleDown')?.annotations.summary).toBe('No {{ $labels.job }} instance answers /metrics.');
    for (const r of rules) {
      expect(r.expr).toContain('namespace="fleet", job=~"acme-fleet-.*"');
      expect(r.expr).not.toContain('job=~"fleet-.*"');
    }
    // The embedded rules are still valid rules for Prometheus.
    const file = join(workDir(), 'acme-rules.yaml');
    writeFileSync(file, stringify({ groups: rule.spec.groups }));
    await expect(run('promtool', ['check', 'rules', file])).resolves.toMatchObject({ stdout: expect.stringContaining('SUCCESS') });
    const dashboard = named(objs, 'ConfigMap', 'acme-fleet-dashboard');
    expect(dashboard?.metadata?.labels).toMatchObject({ grafana_dashboard: '1' });
    const json = JSON.parse(dashboard?.data?.['fleet.json'] ?? '{}') as { uid: string };
    expect(json).toEqual(JSON.parse(readFileSync(join(CHART, 'files', 'grafana-dashboard.json'), 'utf8')));
  });

  it('refuses to render without an Ingress host or a MySQL password Secret', async () => {
    await expect(render('ingress: { host: "" }\n')).rejects.toThrow(/ingress\.host is required/);
    await expect(render('mysql: { passwordSecret: { name: "" } }\n')).rejects.toThrow(/mysql\.passwordSecret\.name is required/);
  });
});
