import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
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

/**
 * Per-request plumbing shared by every role: the request id (echoed in X-Request-Id and attached to every
 * log line through the request context), the client IP, and the latency histogram by route pattern.
 */
export function registerHttpHooks(app: FastifyInstance, metrics: MetricsRegistry, logger: Logger, clientIp: ClientIpResolver): void {
  app.decorateRequest('clientIp', '');
  app.decorateRequest('startedAt', BigInt(0));
  app.addHook('onRequest', (req, reply, done) => {
    req.startedAt = process.hrtime.bigint();
    req.clientIp = clientIp(req.headers, req.socket.remoteAddress);
    void reply.header('X-Request-Id', req.id);
    requestContext.run({ requestId: req.id }, done);
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
  app.addHook('onResponse', (req, reply, done) => {
    const seconds = Number(process.hrtime.bigint() - req.startedAt) / 1e9;
    const handler = req.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(handler, req.method, reply.statusCode, seconds);
    if (reply.statusCode >= 500) logger.warn({ req_id: req.id, method: req.method, handler, status: reply.statusCode, seconds }, 'request failed');
    else logger.debug({ req_id: req.id, method: req.method, handler, status: reply.statusCode, seconds }, 'request');
    done();
  });
}
