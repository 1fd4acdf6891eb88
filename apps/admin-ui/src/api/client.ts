import { session } from './session';
import { URL_PREFIX } from './url-prefix';

const BASE = `${URL_PREFIX}/api/latest/fleet`;

/** An error answer of the server, with Fleet's reason when it gave one. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type FleetErrorBody = { message?: string; errors?: Array<{ name?: string; reason?: string }> };

/**
 * Calls the admin API with the session's token. A 401 ends the session (the token expired or was revoked)
 * and sends the user to the login page.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = session.token();
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : {};
  if (res.status === 401 && !path.startsWith('/login')) {
    session.clear();
    window.location.assign(`${URL_PREFIX}/login`);
  }
  if (!res.ok) {
    const b = json as FleetErrorBody;
    throw new ApiError(res.status, b.errors?.map((e) => e.reason).filter(Boolean).join('; ') || b.message || `HTTP ${res.status}`);
  }
  return json as T;
}
