import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import { NodeSDK } from '@opentelemetry/sdk-node';

export interface TracingOptions {
  readonly enabled: boolean;
  readonly serviceName: string;
  /** OTLP/HTTP base endpoint, e.g. http://collector:4318; empty uses the exporter's default. */
  readonly endpoint: string;
}

export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing of HTTP, MySQL (mysql2) and Redis (ioredis) when enabled. It must run
 * before those modules are loaded, so the `fleet` binary calls it first. Off by default: with tracing
 * disabled nothing is patched and no exporter is created.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (!options.enabled) return { shutdown: () => Promise.resolve() };
  const url = options.endpoint ? `${options.endpoint.replace(/\/$/, '')}/v1/traces` : undefined;
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    traceExporter: new OTLPTraceExporter(url ? { url } : {}),
    instrumentations: [new HttpInstrumentation(), new MySQL2Instrumentation(), new IORedisInstrumentation()],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
