import { Inject, Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, map, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { AdminError, AdminErrorCode } from '@fleet/auth';
import type { Logger } from '@fleet/observability';
import { LOGGER } from '@fleet/platform';
import { isEdgeError } from './edge-parse';

export const MISSING_CHECK_LOG = 'missing authorization check';

/**
 * House-style rule 8 (Fleet's authzcheck middleware): an admin handler that finishes, successfully or not,
 * without its service having made a permission decision is answered 403 and logged, so a forgotten check
 * fails closed. Errors raised while decoding input at the edge (before any service ran) pass through, as
 * Fleet's decode errors do.
 */
@Injectable()
export class AuthzBackstopInterceptor implements NestInterceptor {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const missing = (): AdminError => {
      this.logger.error({ req_id: req.id, route: req.routeOptions.url, method: req.method }, MISSING_CHECK_LOG);
      return new AdminError(AdminErrorCode.AUTHZ_CHECK_MISSING, 'forbidden');
    };
    return next.handle().pipe(
      map((value: unknown) => {
        if (!req.caller?.decided) throw missing();
        return value;
      }),
      catchError((err: unknown) => throwError(() => (req.caller?.decided || isEdgeError(err) ? err : missing()))),
    );
  }
}
