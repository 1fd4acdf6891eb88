import { HttpException } from '@nestjs/common';
import { agentErrorResponse } from '@fleet/contracts';
import { isDomainError } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import type { Refusal } from '@fleet/platform';

/**
 * Every failure of an agent route's handler carries `error` in the body, so the agent keeps its data and retries
 * (osquery ignores status codes, protocol §1.4); `node_invalid: true` only for node-key and enroll failures.
 * Failures before the handler (body parsing, size limits, encodings) are the platform's (refusalOf).
 */
export function agentErrorReply(exception: unknown, reqId: string, logger: Logger): Refusal {
  if (isDomainError(exception)) {
    const res = agentErrorResponse(exception.code, exception.message);
    if (res.statusCode >= 500) logger.error({ code: exception.code, err: exception.message, details: exception.details, req_id: reqId }, 'agent request failed');
    return { status: res.statusCode, body: res.body };
  }
  const status = exception instanceof HttpException ? exception.getStatus() : Number((exception as { statusCode?: number } | null)?.statusCode) || 500;
  if (status >= 500) logger.error({ err: exception, req_id: reqId }, 'agent request failed');
  const message = status >= 500 ? `internal error (request id ${reqId})` : (exception as Error).message;
  return { status, body: { error: message } };
}
