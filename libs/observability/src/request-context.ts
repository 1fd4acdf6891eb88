import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  readonly requestId: string;
}

/**
 * Carries the request id through every async hop of a request, so that each log line written while
 * serving it (in a controller, a repository or a Redis callback) carries the same `req_id`.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
