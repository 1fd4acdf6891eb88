export { createLogger, REDACT_PATHS } from './logger';
export type { Logger, LoggerOptions } from './logger';
export { MetricsRegistry } from './metrics';
export { currentRequestId, requestContext } from './request-context';
export type { RequestContext } from './request-context';
export { activeTraceparent, inConsumerSpan, spanContextOfTraceparent, startTracing } from './tracing';
export type { Tracing, TracingOptions } from './tracing';
