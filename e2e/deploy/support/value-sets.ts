import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART } from './chart-render';

/**
 * The chart rendered as `helm template` would with each value set an installation is expected to use, every
 * result checked like the kustomize overlays (schemas, wiring, probes, security, real FLEET_* options). The tier
 * files beside values.yaml (values-<tier>.yaml) join the list by themselves.
 */
export const VALUE_SETS: Record<string, string | null> = {
  'default values': null,
  'KEDA autoscaling on every role': `roles:
  ingest: { keda: { enabled: true } }
  api: { keda: { enabled: true } }
  liveQuery: { keda: { enabled: true } }
keda: { prometheusAddress: "http://prometheus.monitoring:9090", authenticationRef: { name: prometheus-auth } }
`,
  'monitoring on': 'metrics: { serviceMonitor: { enabled: true, labels: { release: kps } }, prometheusRule: { enabled: true }, grafanaDashboard: { enabled: true } }\n',
  'ingress off': 'ingress: { enabled: false }\n',
  'secrets from external Secrets': `config: { FLEET_PROMETHEUS_BASIC_AUTH_USERNAME: scraper }
extraEnv:
  - name: FLEET_PROMETHEUS_BASIC_AUTH_PASSWORD
    valueFrom: { secretKeyRef: { name: fleet-metrics, key: password } }
extraEnvFrom: [{ secretRef: { name: fleet-extra } }]
redis: { passwordSecret: { name: redis-auth, key: redis-password, optional: false } }
mysql: { passwordSecret: { name: external-mysql, key: pw } }
`,
  'fixed replicas': `roles:
  ingest: { replicas: 3, autoscaling: { enabled: false } }
  api: { replicas: 1, autoscaling: { enabled: false } }
  liveQuery: { replicas: 1, autoscaling: { enabled: false } }
`,
  ...Object.fromEntries(readdirSync(CHART).filter((f) => /^values-.+\.yaml$/.test(f)).map((f) => [`tier file ${f}`, readFileSync(join(CHART, f), 'utf8')])),
};
