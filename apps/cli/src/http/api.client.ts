import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { z } from 'zod';
import { routeUrl } from '@fleet/contracts';
import type { AnyAdminRoute, RouteRequest, RouteResponse } from '@fleet/contracts';
import { CliError } from '../cli.error';
import { maskBody, maskHeaders } from './secret.masker';

export interface ApiClientOptions {
  /** Server base URL, e.g. https://fleet.example.com:8080 (from the context's `address`). */
  readonly address: string;
  readonly urlPrefix?: string;
  readonly token?: string;
  /** PEM file of the CA to trust instead of the system store (`rootca`). */
  readonly rootca?: string;
  readonly insecure?: boolean;
  readonly customHeaders?: Record<string, string>;
  /** --debug: every exchange is written here, secrets masked. */
  readonly debugLog?: (line: string) => void;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A request body sent as is (multipart uploads of `fleetctl api`) and headers added after the defaults. */
export interface RawRequestOptions {
  readonly payload?: Buffer | string;
  readonly headers?: Record<string, string>;
}

/** Fleet's error body (fleet-admin-api.md §1.0). */
interface FleetErrorBody {
  message?: string;
  errors?: Array<{ name?: string; reason?: string }>;
}

/** The text Fleet's client shows for a failed request: the reasons, or the message when there are none. */
export function errorText(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as FleetErrorBody;
    const reasons = (body.errors ?? []).map((e) => (e.name && e.name !== 'base' ? `${e.name}: ${e.reason ?? ''}` : e.reason ?? '')).filter(Boolean);
    if (body.message || reasons.length) return reasons.length ? `${body.message ?? status}: ${reasons.join('; ')}` : String(body.message);
  } catch {
    /* not JSON */
  }
  return `status ${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
}

/** Only the server's reasons (what Fleet's fleetctl shows after `[!]`), or the whole error text without any. */
export function errorReasons(status: number, text: string): string {
  try {
    const reasons = ((JSON.parse(text) as FleetErrorBody).errors ?? []).map((e) => e.reason ?? '').filter(Boolean);
    if (reasons.length) return reasons.join('; ');
  } catch {
    /* not JSON */
  }
  return errorText(status, text);
}

/** An HTTP failure the command may want to inspect (404 → "doesn't exist", 409, ...). */
export class ApiError extends CliError {
  constructor(readonly method: string, readonly path: string, readonly status: number, readonly text: string) {
    super(`${method} ${path} received status ${status} ${errorText(status, text)}`);
  }
}

/**
 * HTTP client of one context. TLS trust follows the context: `rootca` replaces the CA store and
 * `tls-skip-verify` disables verification. Paths given to `api()` are Fleet's, under /api/latest/fleet.
 */
export class ApiClient {
  private readonly dispatcher: Agent;
  readonly base: string;

  constructor(private readonly options: ApiClientOptions) {
    this.base = options.address.replace(/\/+$/, '') + (options.urlPrefix ?? '').replace(/\/+$/, '');
    this.dispatcher = new Agent({ connect: { ca: this.ca(), rejectUnauthorized: !options.insecure }, keepAliveTimeout: 1000 });
  }

  ca(): Buffer | undefined {
    return this.options.rootca ? readFileSync(this.options.rootca) : undefined;
  }
  get insecure(): boolean {
    return this.options.insecure === true;
  }
  get token(): string | undefined {
    return this.options.token;
  }
  get customHeaders(): Record<string, string> {
    return this.options.customHeaders ?? {};
  }

  /** JSON request to `/api/latest/fleet<path>`; resolves the parsed body of a 2xx, throws ApiError otherwise. */
  async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.json<T>(method, `/api/latest/fleet${path}`, body);
  }

  /**
   * Calls a route declared in @fleet/contracts: the path comes from the declaration, the request is typed by its
   * schemas' input and a success body is parsed with its response schema (unknown keys are dropped). A body
   * that does not match is returned as received rather than failing the command; --debug names the mismatch.
   */
  async call<R extends AnyAdminRoute>(route: R, req: Partial<RouteRequest<R>> = {}): Promise<RouteResponse<R>> {
    const params = (req.params ?? {}) as Record<string, string | number>;
    const query = queryString((req.query ?? {}));
    const path = `${routeUrl(route, params)}${query}`;
    const res = await this.raw(route.method, path, req.body);
    const text = res.body.toString('utf8');
    if (res.status < 200 || res.status > 299) throw new ApiError(route.method, path, res.status, text);
    const schema = route.response as z.ZodType | 'csv' | 'empty';
    if (schema === 'csv') return text as RouteResponse<R>;
    const body: unknown = text ? JSON.parse(text) : {};
    if (schema === 'empty') return body as RouteResponse<R>;
    const parsed = schema.safeParse(body);
    if (!parsed.success) this.options.debugLog?.(`! ${route.method} ${route.path}: response does not match its contract: ${parsed.error.issues[0]?.message ?? ''}`);
    return (parsed.success ? parsed.data : body) as RouteResponse<R>;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.raw(method, path, body);
    const text = res.body.toString('utf8');
    if (res.status < 200 || res.status > 299) throw new ApiError(method, path, res.status, text);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Any request under the server base (also /debug, /metrics, /healthz); the status is the caller's concern. */
  async raw(method: string, path: string, body?: unknown, extra: RawRequestOptions = {}): Promise<RawResponse> {
    const headers: Record<string, string> = { ...this.customHeaders };
    if (this.options.token) headers['authorization'] = `Bearer ${this.options.token}`;
    const payload = extra.payload ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined && extra.payload === undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, extra.headers ?? {});
    const url = this.base + path;
    const log = this.options.debugLog;
    const shown = typeof payload === 'string' ? maskBody(payload) : payload ? `<${payload.length} bytes>` : '';
    log?.(`> ${method} ${url}\n${maskHeaders(headers).map((h) => `> ${h}`).join('\n')}${shown ? `\n> ${shown}` : ''}`);
    const started = Date.now();
    let res;
    try {
      res = await request(url, { method: method as 'GET', headers, body: payload, dispatcher: this.dispatcher });
    } catch (e) {
      throw new CliError(`${method} ${url}: ${connectionHint(e)}`);
    }
    const buf = Buffer.from(await res.body.arrayBuffer());
    log?.(`< ${res.statusCode} (${Date.now() - started} ms) ${maskBody(buf.length < 65536 ? buf.toString('utf8') : '')}`);
    return { status: res.statusCode, headers: res.headers, body: buf };
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/** `?a=1&b=x` from the defined values of a query object (empty string when there are none). */
export function queryString(query: Record<string, unknown>): string {
  const entries = Object.entries(query).filter(([, v]) => v !== undefined && v !== null).map(([k, v]): [string, string] => [k, String(v)]);
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}

function connectionHint(e: unknown): string {
  const err = e as { code?: string; cause?: { code?: string; message?: string }; message?: string };
  const code = err.code ?? err.cause?.code ?? '';
  const msg = err.cause?.message ?? err.message ?? String(e);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `${msg} (set --rootca or --tls-skip-verify with fleetctl config set)`;
  return msg;
}
