import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { JsonTooDeepError, parseJsonInSlices, parseJsonSmall } from './sliced-json';
import type { SlicedJsonOptions } from './sliced-json';

/**
 * How request bodies are decoded, for both ways a request is served: Fastify's routes (request-body.ts) and the
 * direct routes (direct-routes.ts). Bodies are JSON whatever their Content-Type; `Content-Encoding: gzip` (or
 * deflate) is inflated as a stream; every body is held to its route's limit after decompression.
 */

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

export class UnsupportedEncodingError extends Error {
  readonly statusCode = 415;
  constructor(encoding: string) {
    super(`unsupported content-encoding ${encoding}`);
  }
}

/** The limit of the route at `path`: the first rule whose suffix it ends with, else the default. */
export function bodyLimitFor(path: string, defaultLimit: number, rules: readonly BodyLimitRule[]): number {
  return rules.find((r) => path.endsWith(r.pathSuffix))?.bytes ?? defaultLimit;
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

/** The request's Content-Encoding, lower-cased and trimmed ('' when absent). */
export function contentEncodingOf(req: IncomingMessage): string {
  return String(req.headers['content-encoding'] ?? '').toLowerCase().trim();
}

const isIdentity = (encoding: string): boolean => encoding === '' || encoding === 'identity';

/**
 * Whether the body can be read as it arrives, uncounted: a plain body with a declared length within the limit
 * (Node's parser delivers exactly Content-Length bytes). This is the agents' common case, so it skips a stream
 * per request. Throws BodyTooLargeError for a plain body declared larger than the limit.
 */
export function isPlainWithinLimit(req: IncomingMessage, encoding: string, limit: number): boolean {
  if (!isIdentity(encoding)) return false;
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) throw new BodyTooLargeError(limit);
  return declared !== undefined;
}

/**
 * The body as a stream of decoded bytes held to `limit`: inflated for gzip/deflate (a small body that would inflate
 * past the limit is cut off there, never inflated whole), counted for a plain one. Throws UnsupportedEncodingError.
 */
export function decodedBody(payload: Readable, encoding: string, limit: number): Readable {
  const limiter = new LimitStream(limit);
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate') {
    const inflate = encoding === 'deflate' ? createInflate() : createGunzip();
    inflate.on('error', (err) => limiter.destroy(Object.assign(err, { statusCode: 400 })));
    limiter.on('error', () => inflate.destroy());
    return payload.pipe(inflate).pipe(limiter);
  }
  if (isIdentity(encoding)) return payload.pipe(limiter);
  throw new UnsupportedEncodingError(encoding);
}

/**
 * How bodies are parsed (sliced-json.ts): up to 256 KiB natively in one go (tens of milliseconds at worst);
 * above, in slices of at most ~10 ms with values of up to 64 KiB parsed natively, so one large body (an
 * agent's 5 MiB distributed/write, a 10 MiB log batch) never holds the event loop for long. Nesting is
 * bounded at twice the depth Go's decoder (Fleet's) accepts: deeper is refused rather than held in memory.
 */
const BODY_PARSING: SlicedJsonOptions = { wholeBytes: 256 * 1024, pieceBytes: 64 * 1024, sliceMs: 10, maxDepth: 20_000 };

/** Whether a body is empty or only whitespace (without the copy `trim` makes). */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

const refusal = (err: unknown): Error => (err instanceof JsonTooDeepError ? new BodyTooDeepError(err.maxDepth) : new BodyNotJsonError());

/**
 * Hands `done` a body's JSON value, `undefined` for an empty (or blank) body, or BodyNotJsonError / BodyTooDeepError.
 * Agent check-ins are a few dozen bytes: parsed here and now, without a promise and a turn of the event loop; a large
 * body is parsed in slices. Prototype poisoning is refused as by Fastify's own parser.
 */
export function parseJsonBody(text: string, done: (err: Error | null, value: unknown) => void): void {
  if (isBlank(text)) {
    done(null, undefined);
    return;
  }
  if (text.length > BODY_PARSING.wholeBytes) {
    parseJsonInSlices(text, BODY_PARSING).then((value) => done(null, value), (err: unknown) => done(refusal(err), undefined));
    return;
  }
  let value: unknown;
  try {
    value = parseJsonSmall(text, BODY_PARSING);
  } catch (err) {
    done(refusal(err), undefined);
    return;
  }
  done(null, value);
}
