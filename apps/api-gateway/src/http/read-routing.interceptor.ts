import { Inject, Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, from, map, mergeMap, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { ReadYourWritesStore } from '@fleet/messaging';
import type { Logger } from '@fleet/observability';
import { withReadRoute } from '@fleet/persistence';
import { LOGGER } from '@fleet/platform';
import { routeOf } from './endpoint.decorator';

const READS = new Set(['GET', 'HEAD']);

/**
 * Read routing of the admin API with a MySQL read replica (`mysql_read_replica.address`):
 * - a GET (or a route declared `readOnly`, such as POST /hosts/search) of a signed-in user runs with a read route that lets the read-heavy repositories read from the replica,
 *   unless that user wrote within `mysql_read_replica.read_your_writes_window` (read-your-writes: then the whole
 *   request reads the primary);
 * - any other method by a user marks the user as having written once it finishes (succeeded or not, since a failed
 *   request may have written part of its work), in Redis, so every gateway replica keeps their next reads on the primary.
 * Requests without a user, and every request when no replica is configured, read the primary as before.
 * A Redis error counts as a recent write (the primary is always correct); a replica that cannot answer is logged
 * and the primary answers instead.
 */
@Injectable()
export class ReadRoutingInterceptor implements NestInterceptor {
  private readonly enabled: boolean;

  constructor(
    @Inject(FLEET_CONFIG) config: FleetConfig,
    private readonly store: ReadYourWritesStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.enabled = config.mysql_read_replica.address !== '';
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    const userId = req.caller?.user?.id;
    if (!this.enabled || userId === undefined) return next.handle();
    if (!READS.has(req.method) && routeOf(ctx.getHandler())?.readOnly !== true) {
      const mark = (): Observable<void> => from(this.store.wrote(userId).catch((err: unknown) => {
        this.logger.warn({ req_id: req.id, err }, 'read-your-writes mark not stored');
      }));
      return next.handle().pipe(
        mergeMap((value: unknown) => mark().pipe(map(() => value))),
        catchError((err: unknown) => mark().pipe(mergeMap(() => throwError(() => err)))),
      );
    }
    const onFallback = (err: unknown): void => {
      this.logger.warn({ req_id: req.id, err: err instanceof Error ? err.message : String(err) }, 'read replica unavailable; read from the primary');
    };
    return from(this.store.wroteRecently(userId).catch(() => true)).pipe(
      // handle() is called inside the route, so the handler and everything it awaits carry it (Nest binds the
      // handler's async context when handle() is called).
      mergeMap((recent) => withReadRoute({ replica: !recent, onFallback }, () => next.handle())),
    );
  }
}
