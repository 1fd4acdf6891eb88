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
import { PROMETHEUS_RULE_SCHEMA, SCALED_OBJECT_SCHEMA, SERVICE_MONITOR_SCHEMA, schemaValidator } from './crd-schemas';
import type { ScaledObject } from './crd-schemas';

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
  // Custom resources are not in kubernetes-models: the fields the chart writes, against their documented shape.
  'keda.sh/v1alpha1/ScaledObject': schemaValidator(SCALED_OBJECT_SCHEMA),
  'monitoring.coreos.com/v1/ServiceMonitor': schemaValidator(SERVICE_MONITOR_SCHEMA),
  'monitoring.coreos.com/v1/PrometheusRule': schemaValidator(PROMETHEUS_RULE_SCHEMA),
};

interface Kinds {
  Deployment: IDeployment; Service: IService; HorizontalPodAutoscaler: IHorizontalPodAutoscaler; PodDisruptionBudget: IPodDisruptionBudget;
  Ingress: IIngress; Job: IJob; ConfigMap: IConfigMap; ScaledObject: ScaledObject;
}

export const parseManifests = (text: string): K8sObject[] => parseAllDocuments(text).map((d) => d.toJS() as K8sObject | null).filter((o): o is K8sObject => o !== null);
export const byKind = <K extends keyof Kinds>(objs: K8sObject[], kind: K): Array<Kinds[K]> => objs.filter((o) => o.kind === kind) as unknown as Array<Kinds[K]>;
export const named = <K extends keyof Kinds>(objs: K8sObject[], kind: K, name: string): Kinds[K] | undefined => byKind(objs, kind).find((o) => o.metadata?.name === name);

export interface DeploymentExpectations {
  /** What resource names start with (`fleet` → fleet-ingest, fleet-api, ...). */
  readonly prefix?: string;
  /** Whether an Ingress is expected (false: none may be rendered). */
  readonly ingress?: boolean;
}

/**
 * The checks every way of deploying must pass (kustomize overlays, the Helm chart with any values): valid
 * objects, one Deployment per role probed and locked down as the README says, Services/autoscalers/budgets
 * wired to them, agent and admin paths routed to the right role, only real FLEET_* options, and the expand
 * migration Job.
 */
export function describeDeploymentChecks(load: () => Promise<K8sObject[]>, expect_: DeploymentExpectations = {}): void {
  const prefix = expect_.prefix ?? 'fleet';
  let objs: K8sObject[];
  beforeAll(async () => { objs = await load(); }, 60_000);

  it('is valid against the Kubernetes API schemas, in one namespace', () => {
    const errors: string[] = [];
    for (const o of objs) {
      const validate = VALIDATORS[`${o.apiVersion}/${o.kind}`];
      if (!validate) {
        errors.push(`no validator for ${o.apiVersion}/${o.kind}`);
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
      // Start-up may wait for MySQL; until the port answers, liveness does not count.
      expect(c?.startupProbe?.tcpSocket).toEqual({ port: 'http' });
      expect(pod?.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(c?.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      // Passwords only by reference to a Secret, never as a value.
      const mysqlPassword = c?.env?.find((e) => e.name === 'FLEET_MYSQL_PASSWORD')?.valueFrom?.secretKeyRef;
      expect([mysqlPassword?.name?.length, mysqlPassword?.key.length].every((n) => (n ?? 0) > 0)).toBe(true);
      for (const e of c?.env ?? []) if (/PASSWORD$/.test(e.name)) expect(e.value).toBeUndefined();
      expect(c?.image).toMatch(/^ghcr\.io\/fleet-ts\/fleet:\d+\.\d+\.\d+$/);
      // Longer than the preStop pause plus server.shutdown_timeout, so SIGTERM's drain is never cut short by SIGKILL.
      const pause = Number(c?.lifecycle?.preStop?.exec?.command?.[1] ?? 0);
      expect((pod?.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(pause * 1000 + loadConfig({}).server.shutdown_timeout);
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
      // Exactly one autoscaler per autoscaled role (a CPU HPA, or a KEDA ScaledObject that makes its own), or
      // fixed replicas: two autoscalers on one Deployment would fight.
      const hpa = named(objs, 'HorizontalPodAutoscaler', `${prefix}-${role}`);
      const scaled = named(objs, 'ScaledObject', `${prefix}-${role}`);
      const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: `${prefix}-${role}` };
      if (hpa || scaled) {
        expect([hpa, scaled].filter(Boolean)).toHaveLength(1);
        expect(d?.spec?.replicas).toBeUndefined();
      } else {
        expect(d?.spec?.replicas).toBeGreaterThan(0);
      }
      if (hpa) {
        expect(hpa.spec?.scaleTargetRef).toEqual(target);
        expect(hpa.spec?.minReplicas).toBeLessThanOrEqual(hpa.spec?.maxReplicas ?? 0);
      }
      if (scaled) {
        expect(scaled.spec.scaleTargetRef).toEqual(target);
        expect(scaled.spec.minReplicaCount).toBeLessThanOrEqual(scaled.spec.maxReplicaCount);
      }
      const pdb = named(objs, 'PodDisruptionBudget', `${prefix}-${role}`);
      expect(selects(pdb?.spec?.selector?.matchLabels, podLabels)).toBe(true);
      // A Service selecting another role's pods too would split its traffic between roles.
      for (const other of ROLES.filter((r) => r !== role)) {
        expect(selects(svc?.spec?.selector, named(objs, 'Deployment', `${prefix}-${other}`)?.spec?.template.metadata?.labels ?? {})).toBe(false);
      }
    }
  });

  it('routes osquery\'s endpoints to the ingest role and the admin API to the api role', () => {
    if (expect_.ingress === false) {
      expect(byKind(objs, 'Ingress')).toEqual([]);
      return;
    }
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

  it('migrates with a Job running `fleet prepare db --phase expand` without a prompt, on the servers\' image', () => {
    const job = named(objs, 'Job', `${prefix}-migrate-expand`);
    expect(job?.spec?.template.spec?.containers[0].args).toEqual(['prepare', 'db', '--no-prompt', '--phase', 'expand']);
    expect(job?.spec?.template.spec?.containers[0].image).toBe(named(objs, 'Deployment', `${prefix}-api`)?.spec?.template.spec?.containers[0].image);
  });
}
