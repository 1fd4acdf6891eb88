import { randomUUID } from 'node:crypto';
import { Catch, HttpException, Inject } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { asAdminError } from '@fleet/auth';
import type { Logger } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';
import { renderAdminError } from './admin-error.mapping';

/** MySQL duplicate-key errors surface as 409 like Fleet's datastore does. */
function isDuplicateKey(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'ER_DUP_ENTRY' || (e as { driverError?: { code?: unknown } } | null)?.driverError?.code === 'ER_DUP_ENTRY';
}

/**
 * Fleet's error body for every admin controller. Known codes go through `renderAdminError`; Nest's own
 * HTTP exceptions keep their status; anything else is a 500 carrying a uuid that is also logged, never a
 * stack trace.
 */
@Catch()
export class AdminExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    // Routes that answer CSV set their content type up front; errors are always JSON.
    void reply.type('application/json; charset=utf-8');
    const known = asAdminError(exception);
    if (known) {
      const r = renderAdminError(known);
      if (r.headers) void reply.headers(r.headers);
      if (r.status >= 500) this.logger.error({ err: exception, req_id: req.id }, 'admin request failed');
      void reply.code(r.status).send({ message: r.message, errors: r.errors, ...(r.code !== undefined ? { code: r.code } : {}) });
      return;
    }
    if (isDuplicateKey(exception)) {
      void reply.code(409).send({ message: 'Resource Already Exists', errors: [{ name: 'base', reason: 'already exists' }] });
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const reason = exception.message;
      void reply.code(exception.getStatus()).send({ message: reason, errors: [{ name: 'base', reason }] });
      return;
    }
    const status = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const reason = exception instanceof Error ? exception.message : 'Bad request';
      void reply.code(status).send({ message: 'Bad request', errors: [{ name: 'base', reason }] });
      return;
    }
    const uuid = randomUUID();
    this.logger.error({ err: exception, req_id: req.id, uuid }, 'admin request failed');
    void reply.code(500).send({ message: 'Unknown Error', errors: [{ name: 'base', reason: `internal error (request id ${req.id})` }], uuid });
  }
}
