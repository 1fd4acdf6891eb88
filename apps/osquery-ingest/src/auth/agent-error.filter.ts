import { Catch, HttpException, Inject } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { agentErrorResponse } from '@fleet/contracts';
import { isDomainError } from '@fleet/domain';
import type { Logger } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';

/**
 * Every failure on an agent route carries `error` in the body, so the agent keeps its data and retries
 * (osquery ignores status codes, protocol §1.4); `node_invalid: true` only for node-key and enroll failures.
 */
@Catch()
export class AgentErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    if (isDomainError(exception)) {
      const res = agentErrorResponse(exception.code, exception.message);
      if (res.statusCode >= 500) this.logger.error({ code: exception.code, err: exception.message, details: exception.details }, 'agent request failed');
      void reply.code(res.statusCode).send(res.body);
      return;
    }
    const status = exception instanceof HttpException ? exception.getStatus() : Number((exception as { statusCode?: number }).statusCode) || 500;
    if (status >= 500) this.logger.error({ err: exception }, 'agent request failed');
    const message = status >= 500 ? `internal error (request id ${req.id})` : (exception as Error).message;
    void reply.code(status).send({ error: message });
  }
}
