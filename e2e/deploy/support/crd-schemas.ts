import Ajv from 'ajv';
import type { JSONSchemaType } from 'ajv';

/**
 * Schemas of the custom resources the chart renders (KEDA's ScaledObject, the Prometheus Operator's
 * ServiceMonitor and PrometheusRule), limited to the fields the chart writes, as the projects document
 * them. kubernetes-models validates only Kubernetes' own kinds; the alert expressions inside a
 * PrometheusRule are checked by promtool in the chart tests.
 */
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });

const metadata = { type: 'object', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 253 } } } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

export interface ScaledObjectTrigger { type: string; name?: string; metricType?: string; metadata: Record<string, string>; authenticationRef?: { name: string } }
export interface ScaledObject {
  apiVersion: string; kind: string; metadata: { name: string };
  spec: {
    scaleTargetRef: { apiVersion: string; kind: string; name: string };
    minReplicaCount: number; maxReplicaCount: number; pollingInterval?: number; cooldownPeriod?: number;
    advanced?: Record<string, unknown>;
    triggers: ScaledObjectTrigger[];
  };
}

export const SCALED_OBJECT_SCHEMA = {
  type: 'object', required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'keda.sh/v1alpha1' }, kind: { const: 'ScaledObject' }, metadata,
    spec: {
      type: 'object', additionalProperties: false, required: ['scaleTargetRef', 'triggers'],
      properties: {
        scaleTargetRef: { type: 'object', additionalProperties: false, required: ['name'], properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } } },
        minReplicaCount: { type: 'integer', minimum: 0 }, maxReplicaCount: { type: 'integer', minimum: 1 },
        pollingInterval: { type: 'integer', minimum: 1 }, cooldownPeriod: { type: 'integer', minimum: 0 },
        advanced: { type: 'object' },
        triggers: {
          type: 'array', minItems: 1,
          items: {
            type: 'object', additionalProperties: false, required: ['type', 'metadata'],
            properties: {
              type: { enum: ['cpu', 'memory', 'prometheus', 'redis-streams'] }, name: { type: 'string' },
              metricType: { enum: ['AverageValue', 'Value', 'Utilization'] }, metadata: stringMap,
              authenticationRef: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, kind: { type: 'string' } } },
            },
          },
        },
      },
    },
  },
} as const;

export const SERVICE_MONITOR_SCHEMA = {
  type: 'object', required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'monitoring.coreos.com/v1' }, kind: { const: 'ServiceMonitor' }, metadata,
    spec: {
      type: 'object', required: ['selector', 'endpoints'],
      properties: {
        selector: { type: 'object', required: ['matchLabels'], properties: { matchLabels: stringMap } },
        endpoints: { type: 'array', minItems: 1, items: { type: 'object', required: ['port'], properties: { port: { type: 'string' }, path: { type: 'string' }, interval: { type: 'string', pattern: '^\\d+[smh]$' } } } },
      },
    },
  },
} as const;

export const PROMETHEUS_RULE_SCHEMA = {
  type: 'object', required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'monitoring.coreos.com/v1' }, kind: { const: 'PrometheusRule' }, metadata,
    spec: {
      type: 'object', additionalProperties: false, required: ['groups'],
      properties: {
        groups: {
          type: 'array', minItems: 1,
          items: {
            type: 'object', additionalProperties: false, required: ['name', 'rules'],
            properties: {
              name: { type: 'string' }, interval: { type: 'string' },
              rules: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['expr'], properties: { alert: { type: 'string' }, record: { type: 'string' }, expr: { type: 'string' }, for: { type: 'string' }, labels: stringMap, annotations: stringMap } } },
            },
          },
        },
      },
    },
  },
} as const;

/** A validator in the shape of kubernetes-models' `validate()`: throws with every problem found. */
export function schemaValidator(schema: object): (o: never) => void {
  const validate = ajv.compile(schema as JSONSchemaType<unknown>);
  return (o: never) => {
    if (!validate(o)) throw new Error(ajv.errorsText(validate.errors));
  };
}
