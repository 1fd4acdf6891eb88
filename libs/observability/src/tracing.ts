import { context, isSpanContextValid, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Context, Link, SpanContext } from '@opentelemetry/api';
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

/*
 * Trace context carried inside messages (stream entries), as the W3C `traceparent` text. It is formatted and
 * parsed here rather than through the global propagator, so the field means the same whatever propagators
 * an operator configures. With tracing off there is never an active span: producers write no field and
 * consumers get the API's no-op span, so the messages and the work cost nothing extra.
 */

/** The `traceparent` of the active span (version 00); undefined when no span is active. */
export function activeTraceparent(active: Context = context.active()): string | undefined {
  const span = trace.getSpanContext(active);
  if (!span || !isSpanContextValid(span)) return undefined;
  return `00-${span.traceId}-${span.spanId}-${(span.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** The remote span context a `traceparent` names; undefined for anything malformed (W3C Trace Context §3.2). */
export function spanContextOfTraceparent(traceparent: string): SpanContext | undefined {
  const m = TRACEPARENT.exec(traceparent);
  if (!m || m[1] === 'ff' || (m[1] === '00' && m[5] !== undefined)) return undefined;
  const span: SpanContext = { traceId: m[2], spanId: m[3], traceFlags: parseInt(m[4], 16), isRemote: true };
  return isSpanContextValid(span) ? span : undefined;
}

const tracer = trace.getTracer('fleet');

/**
 * Runs `work` inside a CONSUMER span for messages produced under `traceparents` (one per message, undefined
 * where a message carried none). The span's parent is the first message's context, so a single message's
 * processing lands in its producer's trace; every other message of a batch is a link. The span ends when
 * `work` settles and records its failure.
 */
export async function inConsumerSpan<T>(name: string, attributes: Attributes, traceparents: ReadonlyArray<string | undefined>, work: () => Promise<T>): Promise<T> {
  const producers: SpanContext[] = [];
  for (const tp of traceparents) {
    const span = tp === undefined ? undefined : spanContextOfTraceparent(tp);
    if (span) producers.push(span);
  }
  const parent = producers[0] ? trace.setSpanContext(ROOT_CONTEXT, producers[0]) : ROOT_CONTEXT;
  const links: Link[] = producers.slice(1).map((p) => ({ context: p }));
  const span = tracer.startSpan(name, { kind: SpanKind.CONSUMER, attributes, links }, parent);
  if (!span.isRecording()) {
    span.end();
    return work();
  }
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (err) {
    span.recordException(err instanceof Error ? err : String(err));
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
    throw err;
  } finally {
    span.end();
  }
}
