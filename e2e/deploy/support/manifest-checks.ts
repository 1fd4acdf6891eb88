import { parseAllDocuments } from 'yaml';
import { ENV_ONLY, loadConfig, optionEntries } from '@fleet/config';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import type { IService } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';

export const ROLES = ['ingest', 'api', 'live-query'];

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> } };

/** Schema validation of the built-in kinds, offline (kubernetes-models carries the API's OpenAPI schemas). */
const VALIDATORS: Record<string, (o: never) => void> = {
  'v1/ConfigMap': (o) => new ConfigMap(o).validate(),
  'v1/Service': (o) => new Service(o).validate(),
  'v1/ServiceAccount': (o) => new ServiceAccount(o).validate(),
  'apps/v1/Deployment': (o) => new Deployment(o).validate(),
  'autoscaling/v2/HorizontalPodAutoscaler': (o) => new HorizontalPodAutoscaler(o).validate(),
  'batch/v1/Job': (o) => new Job(o).validate(),
  'networking.k8s.io/v1/Ingress': (o) => new Ingress(o).validate(),
  'policy/v1/PodDisruptionBudget': (o) => new PodDisruptionBudget(o).validate(),
};

interface Kinds {
  Deployment: IDeployment; Service: IService; HorizontalPodAutoscaler: IHorizontalPodAutoscaler; PodDisruptionBudget: IPodDisruptionBudget;
  Ingress: IIngress; Job: IJob; ConfigMap: IConfigMap;
}

export const parseManifests = (text: string): K8sObject[] => parseAllDocuments(text).map((d) => d.toJS() as K8sObject | null).filter((o): o is K8sObject => o !== null);
export const byKind = <K extends keyof Kinds>(objs: K8sObject[], kind: K): Array<Kinds[K]> => objs.filter((o) => o.kind === kind) as unknown as Array<Kinds[K]>;
export const named = <K extends keyof Kinds>(objs: K8sObject[], kind: K, name: string): Kinds[K] | undefined => byKind(objs, kind).find((o) => o.metadata?.name === name);

/**
 * The checks every way of deploying must pass (kustomize overlays, the Helm chart): valid objects, one
 * Deployment per role probed and locked down as the README says, Services/autoscalers/budgets wired to them,
 * agent and admin paths routed to the right role, only real FLEET_* options, and a migration Job.
 * `prefix` is what resource names start with (`fleet` → fleet-ingest, fleet-api, ...).
 */
export function describeDeploymentChecks(load: () => Promise<K8sObject[]>, prefix = 'fleet'): void {
  let objs: K8sObject[];
  beforeAll(async () => { objs = await load(); }, 60_000);

  it('is valid against the Kubernetes API schemas, in one namespace', () => {
    const errors: string[] = [];
    for (const o of objs) {
      const validate = VALIDATORS[`${o.apiVersion}/${o.kind}`];
      if (!validate) {
        if (o.apiVersion !== 'monitoring.coreos.com/v1') errors.push(`no validator for ${o.apiVersion}/${o.kind}`);
        continue;
      }
      try { validate(o as never); } catch (e) { errors.push(`${o.kind}/${o.metadata.name}: ${(e as Error).message}`); }
    }
    expect(errors).toEqual([]);
    expect(new Set(objs.map((o) => o.metadata.namespace)).size).toBe(1);
  });

  it('runs each role in its own Deployment, probed on /healthz, with restricted security', () => {
    const deployments = byKind(objs, 'Deployment');
    expect(deployments.map((d) => d.spec?.template.spec?.containers[0].args).sort()).toEqual(ROLES.map((r) => ['serve', '--role', r]).sort());
    for (const d of deployments) {
      const pod = d.spec?.template.spec;
      const c = pod?.containers[0];
      expect(c?.readinessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(c?.livenessProbe?.tcpSocket).toEqual({ port: 'http' });
      expect(pod?.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(c?.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(c?.env?.find((e) => e.name === 'FLEET_MYSQL_PASSWORD')?.valueFrom?.secretKeyRef).toMatchObject({ name: 'fleet-mysql', key: 'password' });
      expect(c?.image).toMatch(/^ghcr\.io\/fleet-ts\/fleet:\d+\.\d+\.\d+$/);
      // Longer than server.shutdown_timeout, so SIGTERM's drain is never cut short by SIGKILL.
      expect((pod?.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(loadConfig({}).server.shutdown_timeout);
    }
  });

  it('wires Services, autoscalers and disruption budgets to Deployments that exist', () => {
    const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
      Object.keys(selector ?? {}).length > 0 && Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
    for (const role of ROLES) {
      const d = named(objs, 'Deployment', `${prefix}-${role}`);
      const podLabels = d?.spec?.template.metadata?.labels ?? {};
      const svc = named(objs, 'Service', `${prefix}-${role}`);
      expect(selects(svc?.spec?.selector, podLabels)).toBe(true);
      expect(d?.spec?.template.spec?.containers[0].ports?.map((p) => p.name)).toContain(svc?.spec?.ports?.[0].targetPort);
      const hpa = named(objs, 'HorizontalPodAutoscaler', `${prefix}-${role}`);
      expect(hpa?.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: `${prefix}-${role}` });
      expect(hpa?.spec?.minReplicas).toBeLessThanOrEqual(hpa?.spec?.maxReplicas ?? 0);
      const pdb = named(objs, 'PodDisruptionBudget', `${prefix}-${role}`);
      expect(selects(pdb?.spec?.selector?.matchLabels, podLabels)).toBe(true);
      // A Service selecting another role's pods too would split its traffic between roles.
      for (const other of ROLES.filter((r) => r !== role)) {
        expect(selects(svc?.spec?.selector, named(objs, 'Deployment', `${prefix}-${other}`)?.spec?.template.metadata?.labels ?? {})).toBe(false);
      }
    }
  });

  it('routes osquery\'s endpoints to the ingest role and the admin API to the api role', () => {
    const paths = byKind(objs, 'Ingress')[0]?.spec?.rules?.[0].http?.paths ?? [];
    expect(paths.every((x) => x.pathType === 'Prefix')).toBe(true);
    /** The backend a request path reaches: the longest matching Prefix, as the Ingress spec defines. */
    const route = (p: string) => paths.filter((x) => p === x.path || p.startsWith(`${x.path ?? ''}/`))
      .sort((a, b) => (b.path ?? '').length - (a.path ?? '').length)[0]?.backend.service?.name;
    for (const p of ['/api/osquery/enroll', '/api/v1/osquery/distributed/read', '/api/v1/osquery/log', '/api/v1/osquery/carve/block']) expect(route(p)).toBe(`${prefix}-ingest`);
    for (const p of ['/api/v1/fleet/hosts', '/api/latest/fleet/results/websocket', '/api/v1/fleet/results/7/events']) expect(route(p)).toBe(`${prefix}-api`);
    for (const x of paths) expect(named(objs, 'Service', x.backend.service?.name ?? '')?.spec?.ports?.map((p) => p.name)).toContain(x.backend.service?.port?.name);
  });

  it('sets only real FLEET_* options, with values the server accepts', () => {
    const known = new Set([...optionEntries().map((e) => e.envVar), ...Object.values(ENV_ONLY)]);
    for (const w of [...byKind(objs, 'Deployment'), ...byKind(objs, 'Job')]) {
      const c = w.spec?.template.spec?.containers[0];
      const env: Record<string, string> = {};
      for (const ref of c?.envFrom ?? []) Object.assign(env, named(objs, 'ConfigMap', ref.configMapRef?.name ?? '')?.data ?? {});
      for (const e of c?.env ?? []) env[e.name] = e.value ?? 'from-a-secret';
      expect(Object.keys(env).filter((n) => !known.has(n))).toEqual([]);
      const config = loadConfig({ env });
      expect(config.server.tls).toBe(false);
      expect(config.osquery.result_log_plugin).toBe('stdout');
    }
  });

  it('migrates with a Job running `fleet prepare db` without a prompt, on the servers\' image', () => {
    const job = named(objs, 'Job', `${prefix}-prepare-db`);
    expect(job?.spec?.template.spec?.containers[0].args).toEqual(['prepare', 'db', '--no-prompt']);
    expect(job?.spec?.template.spec?.containers[0].image).toBe(named(objs, 'Deployment', `${prefix}-api`)?.spec?.template.spec?.containers[0].image);
  });
}
