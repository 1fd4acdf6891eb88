import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Logger, MetricsRegistry } from '@fleet/observability';
import { requestContext } from '@fleet/observability';
import { bodyLimitFor, contentEncodingOf, decodedBody, isPlainWithinLimit, parseJsonBody } from './body-decoding';
import type { BodyLimitRule } from './body-decoding';
import type { ClientIpResolver } from './client-ip';
import { refusalOf } from './fleet-exception.filter';
import type { Refusal } from './fleet-exception.filter';
import { requestIdFor, requestRecorder } from './http-hooks';
import type { RequestRecorder } from './http-hooks';

/** What a direct route's handler sees of its request. */
export interface DirectRequest {
  /** The request id (a sane caller-supplied X-Request-Id, else a new one), echoed in the response's X-Request-Id. */
  readonly id: string;
  readonly headers: IncomingHttpHeaders;
  /** The client's address per `server.trusted_proxies` (resolved when first read). */
  readonly clientIp: string;
}

/** A JSON POST route served ahead of Fastify (see DirectRoutes). */
export interface DirectRoute {
  /** The whole path, prefixes included, e.g. `/api/osquery/config`; also the route's `handler` label in metrics. */
  readonly path: string;
  /** Answers the response body (status 200) for the parsed body (undefined when empty). */
  readonly handle: (body: unknown, req: DirectRequest) => Promise<object>;
  /** The answer when `handle` fails. */
  readonly refuse: (err: unknown, req: DirectRequest) => Refusal;
}

export interface DirectRoutesOptions {
  /** `server.default_max_request_body_size` and the per-route rules, as for Fastify's routes. */
  readonly defaultLimit: number;
  readonly limits: readonly BodyLimitRule[];
  readonly clientIp: ClientIpResolver;
  readonly metrics: MetricsRegistry;
  readonly logger: Logger;
  /** Run each request inside the request context (http-hooks.ts explains when that is off). */
  readonly requestContext: boolean;
}

interface Entry {
  readonly route: DirectRoute;
  readonly limit: number;
}

/** Fastify's answer to a request that arrives while the server drains (return503OnClosing). */
const SERVICE_UNAVAILABLE = { error: 'Service Unavailable', message: 'Service Unavailable', statusCode: 503 };

class ServedRequest implements DirectRequest {
  private ip: string | undefined;
  constructor(
    readonly id: string,
    private readonly raw: IncomingMessage,
    private readonly resolveIp: ClientIpResolver,
  ) {}
  get headers(): IncomingHttpHeaders {
    return this.raw.headers;
  }
  get clientIp(): string {
    return (this.ip ??= this.resolveIp(this.raw.headers, this.raw.socket.remoteAddress));
  }
}

/** The path a URL names for routing: without its query string, a trailing slash or percent-encoding. */
function routePath(url: string): string {
  let end = url.indexOf('?');
  if (end === -1) end = url.length;
  if (end > 1 && url.charCodeAt(end - 1) === 0x2f) end -= 1;
  const path = end === url.length ? url : url.slice(0, end);
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Collects a body's decoded text. `done` gets the refusal of a body that cannot be taken (too large, not JSON, a bad
 * encoding), or `null` text without an error when the client went away before the body was whole (no answer then).
 */
function readBodyText(raw: IncomingMessage, limit: number, done: (err: Error | null, text: string | null) => void): void {
  const encoding = contentEncodingOf(raw);
  let source: Readable;
  try {
    source = isPlainWithinLimit(raw, encoding, limit) ? raw : decodedBody(raw, encoding, limit);
  } catch (err) {
    done(err as Error, null);
    return;
  }
  const chunks: Buffer[] = [];
  let settled = false;
  const settle = (err: Error | null, text: string | null): void => {
    if (settled) return;
    settled = true;
    done(err, text);
  };
  source.on('data', (chunk: Buffer) => chunks.push(chunk));
  source.on('end', () => settle(null, chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
  // The request's own errors are the client going away; the decoding stream's are refusals of the body.
  if (source !== raw) source.on('error', (err) => settle(err, null));
  raw.on('error', () => settle(null, null));
  raw.on('close', () => {
    if (!raw.complete) settle(null, null);
  });
}

/**
 * JSON POST routes served on Node's HTTP server ahead of Fastify, for the routes agents call on every check-in.
 * Fastify's per-request machinery (its request and reply objects, hook runners, content-type parser) cost a check-in
 * more than its own work did (bench/load/findings.md, "Agent routes ahead of Fastify"). A direct route keeps what
 * every route has: the request id, the latency histogram by route, the warning for a 5xx, body limits and
 * decompression (body-decoding.ts), JSON whatever the Content-Type, the platform's answers to bad bodies
 * (refusalOf) and the 503 with `Connection: close` while the server drains. Every other request (other methods,
 * other paths) goes to Fastify unchanged.
 */
export class DirectRoutes {
  private readonly routes = new Map<string, Entry>();
  private closing = false;
  private readonly record: RequestRecorder;

  constructor(private readonly options: DirectRoutesOptions) {
    this.record = requestRecorder(options.metrics, options.logger);
  }

  add(route: DirectRoute): void {
    if (this.routes.has(route.path)) throw new Error(`direct route ${route.path} is registered twice`);
    this.routes.set(route.path, { route, limit: bodyLimitFor(route.path, this.options.defaultLimit, this.options.limits) });
  }

  /** Puts the direct routes in front of Fastify's request handler on its server; call before the server listens. */
  mount(server: Server, fastify: FastifyInstance): void {
    const listeners = server.listeners('request');
    const fastifyHandler = listeners[0] as ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
    if (listeners.length !== 1 || !fastifyHandler) throw new Error(`expected Fastify's one request listener, found ${listeners.length}`);
    server.removeListener('request', fastifyHandler);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!this.take(req, res)) fastifyHandler(req, res);
    });
    fastify.addHook('preClose', (done) => {
      this.closing = true;
      done();
    });
  }

  /** Serves a POST to a direct route and answers true; anything else is Fastify's. */
  private take(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST' || this.routes.size === 0) return false;
    const entry = this.routes.get(routePath(req.url ?? ''));
    if (!entry) return false;
    const id = requestIdFor(req.headers['x-request-id']);
    if (this.options.requestContext) requestContext.run({ requestId: id }, () => this.serve(entry, req, res, id));
    else this.serve(entry, req, res, id);
    return true;
  }

  private serve(entry: Entry, raw: IncomingMessage, res: ServerResponse, id: string): void {
    const started = process.hrtime.bigint();
    const answer = (status: number, body: object): void => this.answer(entry.route.path, raw, res, id, started, status, body);
    const refuse = (err: unknown): void => {
      const r = refusalOf(err, raw.url ?? entry.route.path, id, this.options.logger);
      answer(r.status, r.body);
    };
    if (this.closing) {
      answer(503, SERVICE_UNAVAILABLE);
      return;
    }
    readBodyText(raw, entry.limit, (readErr, text) => {
      if (readErr) refuse(readErr);
      if (text === null) return;
      parseJsonBody(text, (parseErr, body) => {
        if (parseErr) {
          refuse(parseErr);
          return;
        }
        const req = new ServedRequest(id, raw, this.options.clientIp);
        const failed = (err: unknown): void => {
          let r: Refusal;
          try {
            r = entry.route.refuse(err, req);
          } catch (refuseErr) {
            r = refusalOf(refuseErr, entry.route.path, id, this.options.logger);
          }
          answer(r.status, r.body);
        };
        try {
          entry.route.handle(body, req).then((result) => answer(200, result), failed).catch(refuse);
        } catch (err) {
          failed(err);
        }
      });
    });
  }

  private answer(path: string, raw: IncomingMessage, res: ServerResponse, id: string, started: bigint, status: number, body: object): void {
    if (res.headersSent) return;
    const payload = JSON.stringify(body);
    const headers: OutgoingHttpHeaders = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), 'x-request-id': id };
    // Answers given after shutdown began close the connection, so a keep-alive connection does not hold the server
    // open; so do answers given before the body was read whole (a refusal), whose rest is not read.
    if (this.closing || !raw.complete) headers['connection'] = 'close';
    res.writeHead(status, headers).end(payload);
    this.record(id, 'POST', path, status, started);
  }
}
