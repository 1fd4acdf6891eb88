import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger, MetricsRegistry } from '@fleet/observability';
import { requestContext } from '@fleet/observability';
import type { ClientIpResolver } from './client-ip';

declare module 'fastify' {
  interface FastifyRequest {
    /** The client's address per `server.trusted_proxies` (client-ip.ts). */
    clientIp: string;
    startedAt: bigint;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** A caller-supplied X-Request-Id is kept when it is sane; otherwise a new one is made. */
export function requestIdFor(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return v && REQUEST_ID.test(v) ? v : randomUUID();
}

export interface HttpHookOptions {
  /**
   * Run each request inside the request context (AsyncLocalStorage), so every log line written while serving it
   * carries its `req_id`. Node 20 implements that context with promise hooks on every promise of the process, which
   * cost agent requests about 60 µs each (measured: 0.26 → 0.20 ms of CPU per distributed/read), so processes that
   * serve agents leave it off unless debug logging or tracing is on; exception filters and the request log line
   * name the request id themselves.
   */
  readonly requestContext: boolean;
}

const CLIENT_IP = Symbol('clientIp');

/**
 * Per-request plumbing shared by every role: the request id (echoed in X-Request-Id and, with `requestContext`,
 * attached to every log line through the request context), the client IP (resolved when first read: agent
 * check-ins never need it), and the latency histogram by route pattern.
 */
export function registerHttpHooks(app: FastifyInstance, metrics: MetricsRegistry, logger: Logger, clientIp: ClientIpResolver, options: HttpHookOptions = { requestContext: true }): void {
  app.decorateRequest('clientIp', {
    getter(this: FastifyRequest & { [CLIENT_IP]?: string }): string {
      return (this[CLIENT_IP] ??= clientIp(this.headers, this.socket.remoteAddress));
    },
  });
  app.decorateRequest('startedAt', BigInt(0));
  app.addHook('onRequest', (req, reply, done) => {
    req.startedAt = process.hrtime.bigint();
    void reply.header('X-Request-Id', req.id);
    if (options.requestContext) requestContext.run({ requestId: req.id }, done);
    else done();
  });
  // Responses finished after shutdown began tell the client to close the connection, so an idle keep-alive
  // connection left by a request that was in flight does not hold the server open until its keep-alive ends.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) void reply.header('Connection', 'close');
    done(null, payload);
  });
  const record = requestRecorder(metrics, logger);
  app.addHook('onResponse', (req, reply, done) => {
    record(req.id, req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, req.startedAt);
    done();
  });
}

/** Records a finished request: `handler` is its route pattern, `startedAt` the `process.hrtime.bigint()` it began at. */
export type RequestRecorder = (reqId: string, method: string, handler: string, status: number, startedAt: bigint) => void;

/**
 * What every finished request leaves, on Fastify's routes and the direct ones alike: its latency in the histogram by
 * route pattern, a warning when it failed with a 5xx, and a line per request with debug logging.
 */
export function requestRecorder(metrics: MetricsRegistry, logger: Logger): RequestRecorder {
  const debug = logger.isLevelEnabled('debug');
  return (reqId, method, handler, status, startedAt) => {
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    metrics.observeRequest(handler, method, status, seconds);
    if (status >= 500) logger.warn({ req_id: reqId, method, handler, status, seconds }, 'request failed');
    else if (debug) logger.debug({ req_id: reqId, method, handler, status, seconds }, 'request');
  };
}
