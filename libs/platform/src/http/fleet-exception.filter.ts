import { Catch, HttpException } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@fleet/observability';
import { BodyTooDeepError } from './body-decoding';

const AGENT_PATH = /^(?:\/[^/]+)*\/api\/(?:v1\/)?osquery\//;
/** Agent routes carrying a batch (logs, query results) that the agent drops when the answer has no `error`. */
const AGENT_BATCH_PATH = /^(?:\/[^/]+)*\/api\/(?:v1\/)?osquery\/(?:log|distributed\/write)(?:\?|$)/;

function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  const code = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : 500;
}

/** A refusal's status and body. */
export interface Refusal {
  readonly status: number;
  readonly body: object;
}

/**
 * The answer to a failure nobody narrower handled, also to errors raised before a handler runs (body parsing, size
 * limits, bad encodings), for a request to `url`. Agent routes get osquery's `{"error": ...}` body, which makes the
 * agent keep its data and retry (osquery-protocol.md §1.4), except a batch that can never be taken (below);
 * everything else gets Fleet's `{"message", "errors"}` body. Anything that is not a client error is a 500 naming
 * the request id, logged with its stack, never sent.
 */
export function refusalOf(exception: unknown, url: string, reqId: string, logger: Logger): Refusal {
  const status = statusOf(exception);
  let message: string;
  if (status >= 500) {
    logger.error({ err: exception, req_id: reqId }, 'unhandled error');
    message = `internal error (request id ${reqId})`;
  } else {
    message = exception instanceof Error ? exception.message : 'bad request';
  }
  // A batch nested deeper than the body parser takes can never be stored, and osquery resends a batch
  // answered with `error` forever: it gets Fleet's generic body (no `error`), so the agent drops it, as it
  // does when Fleet's own decoder refuses one (protocol §9.3).
  const dropBatch = exception instanceof BodyTooDeepError && AGENT_BATCH_PATH.test(url);
  if (dropBatch) logger.warn({ req_id: reqId, url, err: message }, 'agent batch refused for its nesting; the agent drops it');
  const body = AGENT_PATH.test(url) && !dropBatch ? { error: message, node_invalid: false } : { message, errors: [{ name: 'base', reason: message }] };
  return { status, body };
}

/**
 * The last-resort filter of Fastify's routes, answering as refusalOf says.
 * Transports with their own error vocabulary install narrower filters on their controllers.
 */
@Catch()
export class FleetExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const { status, body } = refusalOf(exception, req.url, req.id, this.logger);
    void ctx.getResponse<FastifyReply>().code(status).send(body);
  }
}
