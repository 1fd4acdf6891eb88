import { applyDecorators, Catch, Controller, UseFilters } from '@nestjs/common';
import type { RpcExceptionFilter } from '@nestjs/common';
import { throwError } from 'rxjs';
import type { Observable } from 'rxjs';

/**
 * Nest's default RPC filter turns a handler's error into a generic `{ status: 'error' }`; this one hands the
 * error itself back, so the stream transport logs what failed and retries the batch.
 */
@Catch()
class ErrorsToTransport implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * A controller of stream consumers: methods declared with `@EventPattern(<stream contract>)` receive each
 * batch's validated payloads (`@Payload()`), in stream order, and a `StreamContext` (`@Ctx()`). The batch
 * is acknowledged once the method resolved; when it throws, the batch stays pending and is retried, so a
 * handler must be idempotent.
 */
export const StreamController = (): ClassDecorator => applyDecorators(Controller(), UseFilters(ErrorsToTransport));
