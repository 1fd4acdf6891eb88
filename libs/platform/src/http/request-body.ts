import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JsonTooDeepError, parseJsonInSlices, parseJsonSmall } from './sliced-json';
import type { SlicedJsonOptions } from './sliced-json';

export interface BodyLimitRule {
  /** Applies to routes whose path ends with this suffix, e.g. `/osquery/log`. */
  readonly pathSuffix: string;
  readonly bytes: number;
}

export class BodyTooLargeError extends Error {
  readonly statusCode = 413;
  readonly code = 'FST_ERR_CTP_BODY_TOO_LARGE';
  constructor(limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

/** A body that is not JSON: Fleet's decoder answers 400 "json decoder error" (agents get it as `{"error"}`). */
export class BodyNotJsonError extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_CTP_INVALID_JSON_BODY';
  constructor() {
    super('json decoder error');
  }
}

/**
 * Counts bytes and fails as soon as the limit is passed, so an inflating stream is stopped early. A NUL byte
 * is never part of a JSON or form body (JSON escapes control characters inside strings), so a body holding
 * one is refused as soon as the byte arrives: the zero-filled gzip bomb is refused after its first inflated
 * chunk instead of being inflated whole up to a large route's limit (a carve block's is 341 MiB).
 */
class LimitStream extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) cb(new BodyTooLargeError(this.limit));
    else if (chunk.indexOf(0) !== -1) cb(new BodyNotJsonError());
    else cb(null, chunk);
  }
}

/**
 * A body nested deeper than BODY_PARSING.maxDepth. Agent routes that take batches answer it so that the
 * agent drops the batch instead of resending it forever (FleetExceptionFilter), as Fleet's decoder does.
 */
export class BodyTooDeepError extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_CTP_BODY_TOO_DEEP';
  constructor(maxDepth: number) {
    super(`request body is nested deeper than ${maxDepth} levels`);
  }
}

/**
 * How bodies are parsed (sliced-json.ts): up to 256 KiB natively in one go (tens of milliseconds at worst);
 * above, in slices of at most ~10 ms with values of up to 64 KiB parsed natively, so one large body (an
 * agent's 5 MiB distributed/write, a 10 MiB log batch) never holds the event loop for long. Nesting is
 * bounded at twice the depth Go's decoder (Fleet's) accepts: deeper is refused rather than held in memory.
 */
const BODY_PARSING: SlicedJsonOptions = { wholeBytes: 256 * 1024, pieceBytes: 64 * 1024, sliceMs: 10, maxDepth: 20_000 };

/**
 * Fastify route config (`@RouteConfig(FORM_BODY_ROUTE)`) of a route that also takes an HTML form's
 * `application/x-www-form-urlencoded` body (the SAML POST binding of the SSO callback): a form body is read as
 * its fields (the last value of a repeated name), a JSON one as JSON.
 */
export const FORM_BODY_ROUTE = { fleetFormBody: true } as const;

function isFormRoute(req: FastifyRequest): boolean {
  const config = req.routeOptions.config as unknown as Record<string, unknown> | undefined;
  return config?.['fleetFormBody'] === true;
}

/** Whether a body is empty or only whitespace (without the copy `trim` makes). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

/**
 * Every body is read as JSON whatever its Content-Type, as Fleet's Go handlers decode it: `curl -d` sends
 * `application/x-www-form-urlencoded`, some clients send `text/plain` or none. An empty (or blank) body is
 * no body, also with `Content-Type: application/json` (a DELETE from a generic client), so a route without
 * a body schema never sees one and a route with one validates `{}`. GET bodies are read too: Fleet's
 * synchronous `GET /queries/run` takes its query and host ids in one. Prototype poisoning is refused as by
 * Fastify's own JSON parser.
 */
function registerJsonForEveryContentType(app: FastifyInstance): void {
  app.addHttpMethod('GET', { hasBody: true, overrideExisting: true });
  app.removeAllContentTypeParsers();
  const refusal = (err: unknown): Error => (err instanceof JsonTooDeepError ? new BodyTooDeepError(err.maxDepth) : new BodyNotJsonError());
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (isBlank(text)) {
      done(null, undefined);
      return;
    }
    if (isFormRoute(req) && /^application\/x-www-form-urlencoded\b/i.test(String(req.headers['content-type'] ?? '')) && !/^\s*[{[]/.test(text)) {
      done(null, Object.fromEntries(new URLSearchParams(text)));
      return;
    }
    // Agent check-ins are a few dozen bytes: parsed here and now, without a promise and a turn of the event loop.
    if (text.length <= BODY_PARSING.wholeBytes) {
      let parsed: unknown;
      try {
        parsed = parseJsonSmall(text, BODY_PARSING);
      } catch (err) {
        done(refusal(err), undefined);
        return;
      }
      done(null, parsed);
      return;
    }
    parseJsonInSlices(text, BODY_PARSING).then((parsed) => done(null, parsed), (err: unknown) => done(refusal(err), undefined));
  });
}

/**
 * Request bodies: `Content-Encoding: gzip` (or deflate) is inflated as a stream, and every body is held to
 * the limit of its route after decompression. A small gzip body that would inflate past the limit is cut
 * off at the limit: it is never inflated whole. Bodies are JSON whatever their Content-Type (see
 * registerJsonForEveryContentType); the server is created with Nest's own body parsers off.
 */
export function registerRequestBodyHandling(app: FastifyInstance, defaultLimit: number, rules: readonly BodyLimitRule[]): void {
  registerJsonForEveryContentType(app);
  const limitFor = (req: FastifyRequest): number => {
    const path = req.routeOptions.url ?? req.url.split('?')[0] ?? '';
    return rules.find((r) => path.endsWith(r.pathSuffix))?.bytes ?? defaultLimit;
  };
  app.addHook('preParsing', (req, _reply, payload, done) => {
    const limit = limitFor(req);
    const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase().trim();
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit && (encoding === '' || encoding === 'identity')) {
      done(new BodyTooLargeError(limit));
      return;
    }
    // A plain body with a declared length within the limit needs no counting: Node's parser delivers
    // exactly Content-Length bytes. This is the agents' common case, so it skips a stream per request.
    if ((encoding === '' || encoding === 'identity') && req.headers['content-length'] !== undefined) {
      done(null, payload);
      return;
    }
    const limiter = new LimitStream(limit);
    let out: NodeJS.ReadableStream;
    if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') {
      const inflate = encoding === 'deflate' ? createInflate() : createGunzip();
      inflate.on('error', (err) => limiter.destroy(Object.assign(err, { statusCode: 400 })));
      limiter.on('error', () => inflate.destroy());
      out = payload.pipe(inflate).pipe(limiter);
      delete req.headers['content-length'];
    } else if (encoding === '' || encoding === 'identity') {
      out = payload.pipe(limiter);
    } else {
      done(Object.assign(new Error(`unsupported content-encoding ${encoding}`), { statusCode: 415 }));
      return;
    }
    (out as unknown as { receivedEncodedLength: number }).receivedEncodedLength = 0;
    payload.on('data', (chunk: Buffer) => {
      (out as unknown as { receivedEncodedLength: number }).receivedEncodedLength += chunk.length;
    });
    done(null, out as unknown as typeof payload);
  });
}
