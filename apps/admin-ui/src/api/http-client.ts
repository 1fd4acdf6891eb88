import { routeUrl } from '@fleet/contracts';
import type { AnyAdminRoute, RouteRequest, RouteResponse } from '@fleet/contracts';
import { session } from './session';
import { URL_PREFIX } from './url-prefix';

/** An error answer of the server, with Fleet's reasons joined when it gave some. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

type FleetErrorBody = { message?: string; errors?: Array<{ name?: string; reason?: string }> };

/** The parts of a route's request that its declaration has; the others cannot be given. */
type Present<T> = { [K in keyof T as T[K] extends undefined ? never : K]: T[K] };
type Absent<T> = { [K in keyof T as T[K] extends undefined ? K : never]?: undefined };
/**
 * What a call of route R takes: `params`, `query` and `body` typed by the route's zod schemas (their input
 * side, as the server parses them). A route without params takes none, so a missing or extra part is a type error.
 */
export type CallRequest<R extends AnyAdminRoute> = Present<RouteRequest<R>> & Absent<RouteRequest<R>>;

export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** `?a=1&b=x` from a route's query object; undefined and empty values are left out, arrays repeat the key. */
export function queryString(query: unknown): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v as string | number | boolean));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The absolute URL (under server.url_prefix) of a route called with `request`. */
export function urlOf<R extends AnyAdminRoute>(route: R, request: CallRequest<R>): string {
  const r = request as { params?: Record<string, string | number>; query?: unknown };
  return `${URL_PREFIX}${routeUrl(route, r.params ?? {})}${queryString(r.query)}`;
}

async function send<R extends AnyAdminRoute>(route: R, request: CallRequest<R>, options: CallOptions): Promise<Response> {
  const token = session.token();
  const body = (request as { body?: unknown }).body;
  const res = await fetch(urlOf(route, request), {
    method: route.method,
    signal: options.signal,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.ok) return res;
  const text = await res.text();
  let parsed: FleetErrorBody = {};
  try {
    parsed = JSON.parse(text) as FleetErrorBody;
  } catch {
    // a proxy's HTML error page: the status says enough
  }
  if (res.status === 401 && route.permission !== 'public') session.expire();
  const reasons = parsed.errors?.map((e) => e.reason).filter(Boolean).join('; ');
  throw new ApiError(res.status, reasons || parsed.message || `HTTP ${res.status}`);
}

/**
 * Calls an admin route as declared in @fleet/contracts, with the session's token. The answer is typed by
 * the route's response schema (`RouteResponse<R>`), so a change of a schema fails the UI's type check where
 * the UI reads the changed field. A 401 ends the session (the token expired or was revoked).
 */
export async function callRoute<R extends AnyAdminRoute>(route: R, request: CallRequest<R>, options: CallOptions = {}): Promise<RouteResponse<R>> {
  const res = await send(route, request, options);
  if (route.response === 'csv') return (await res.text()) as RouteResponse<R>;
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as RouteResponse<R>;
}

/**
 * Downloads a CSV route's answer as a file. The bearer token rules out a plain link, so the browser fetches
 * the stream into a Blob (kept on disk by the browser when large) and saves it under `filename`.
 */
export async function downloadRoute<R extends AnyAdminRoute>(route: R, request: CallRequest<R>, filename: string): Promise<number> {
  const res = await send(route, request, {});
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return blob.size;
}
