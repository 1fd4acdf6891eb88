import bcrypt from 'bcryptjs';
import { request as httpRequest } from 'undici';
import type { z } from 'zod';
import { newSessionToken, tokenHash } from '@fleet/auth';
import { routeUrl } from '@fleet/contracts';
import type { AnyAdminRoute, ApiVersion, RouteRequest, RouteResponse } from '@fleet/contracts';
import { createTestDatabase, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { ApiGatewayModule } from '../api-gateway.module';

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** A typed call's outcome: on success the body parsed by the route's response schema, else Fleet's error body. */
export type TypedResponse<R extends AnyAdminRoute> =
  | { readonly ok: true; readonly status: number; readonly body: RouteResponse<R>; readonly text: string }
  | { readonly ok: false; readonly status: number; readonly body: { message?: string; errors?: Array<{ name: string; reason: string }> } | undefined; readonly text: string };

export interface TypedCallOptions {
  readonly token?: string;
  readonly version?: ApiVersion;
}

export interface AdminTestKit {
  readonly db: TestDatabase;
  readonly app: TestApp;
  /**
   * One request. A body is sent as JSON with `Content-Type: application/json` unless `contentType` names
   * another type or is null (no header); GET requests may carry a body too (Fleet's `GET /queries/run`).
   */
  api(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string>; contentType?: string | null }): Promise<ApiResponse>;
  /**
   * Calls a declared route (libs/contracts) with typed params, query and body; a success body that does not
   * match the route's response schema fails the call, so every typed call also checks the contract.
   */
  call<R extends AnyAdminRoute>(route: R, request: Partial<RouteRequest<R>>, opts?: TypedCallOptions): Promise<TypedResponse<R>>;
  /** Inserts a user directly (bcrypt cost 4) and returns its id and a live session token. */
  user(spec: { email?: string; global_role?: string | null; teams?: Array<{ id: number; role: string }>; api_only?: boolean; password?: string }): Promise<{ id: number; token: string; email: string }>;
  team(name: string): Promise<number>;
  host(fields?: Record<string, unknown>, seenAgoSeconds?: number | null): Promise<number>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'supersecret1!x';
let seq = 0;

/** An isolated database, Redis key space cleaned per reset, and the gateway on a free port. */
export async function startAdminTestKit(label: string, flags: Record<string, string | boolean> = {}): Promise<AdminTestKit> {
  const db = await createTestDatabase(label, { auth_bcrypt_cost: '4', ...flags });
  const app = await startTestApp(db.config, { roles: ['api'], modules: [ApiGatewayModule] });
  const hash = bcrypt.hashSync(TEST_PASSWORD, 4);
  const ds = db.dataSource;
  const kit: AdminTestKit = {
    db, app,
    async api(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
      const contentType = opts.contentType === undefined ? 'application/json' : opts.contentType;
      if (opts.body !== undefined && contentType !== null) headers['content-type'] = contentType;
      // undici's request (unlike fetch) sends a body with GET as well.
      const res = await httpRequest(`${app.url}${path}`, {
        method: method as 'GET', headers, body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
      });
      const text = await res.body.text();
      let body: unknown = undefined;
      try { body = text ? JSON.parse(text) : undefined; } catch { body = undefined; }
      const responseHeaders = new Headers();
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) responseHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
      return { status: res.statusCode, headers: responseHeaders, text, body };
    },
    async call(route, request, opts = {}) {
      const params = (request.params ?? {}) as Record<string, string | number>;
      const query = new URLSearchParams(Object.entries((request.query ?? {}) as Record<string, unknown>)
        .filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)])).toString();
      const path = `${routeUrl(route, params, opts.version)}${query ? `?${query}` : ''}`;
      const r = await kit.api(route.method, path, { token: opts.token, body: request.body });
      if (r.status >= 300) return { ok: false, status: r.status, body: r.body as { message?: string } | undefined, text: r.text };
      const schema = route.response as z.ZodType | 'csv' | 'empty' | 'html';
      const body: unknown = schema === 'csv' || schema === 'html' ? r.text : schema === 'empty' ? (r.body as unknown) ?? {} : schema.parse(r.body);
      return { ok: true, status: r.status, body: body as never, text: r.text };
    },
    async user(spec) {
      const email = spec.email ?? `user${++seq}@example.com`;
      const role = spec.global_role === undefined ? (spec.teams ? null : 'admin') : spec.global_role;
      const res = await ds.query<{ insertId: number }>('INSERT INTO users (name, email, password_hash, global_role, api_only) VALUES (?, ?, ?, ?, ?)',
        [email.split('@')[0], email, spec.password ? bcrypt.hashSync(spec.password, 4) : hash, role, spec.api_only ?? false]);
      for (const t of spec.teams ?? []) await ds.query('INSERT INTO user_teams (user_id, team_id, role) VALUES (?, ?, ?)', [res.insertId, t.id, t.role]);
      const token = newSessionToken(32);
      await ds.query('INSERT INTO sessions (user_id, token_hash) VALUES (?, ?)', [res.insertId, tokenHash(token)]);
      return { id: res.insertId, token, email };
    },
    async team(name) {
      const res = await ds.query<{ insertId: number }>('INSERT INTO teams (name) VALUES (?)', [name]);
      return res.insertId;
    },
    async host(fields = {}, seenAgoSeconds = 0) {
      const n = ++seq;
      const row = { osquery_host_id: `host-${n}`, node_key: `nk-${n}`, hostname: `host${n}.local`, uuid: `uuid-${n}`, platform: 'ubuntu', ...fields };
      const cols = Object.keys(row);
      const res = await ds.query<{ insertId: number }>(`INSERT INTO hosts (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, Object.values(row));
      if (seenAgoSeconds !== null) {
        await ds.query('INSERT INTO host_seen_times (host_id, seen_time) VALUES (?, ?)', [res.insertId, new Date(Date.now() - seenAgoSeconds * 1000)]);
      }
      return res.insertId;
    },
    async reset() {
      // Own reset instead of db.truncate(): its re-insert of seeded rows (`INSERT ... SET ?`) fails through TypeORM.
      const tables = await ds.query<Array<{ t: string }>>(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'app_config_json')");
      await ds.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const { t } of tables) await ds.query(t === 'labels' ? 'DELETE FROM labels WHERE label_type <> 1' : `DELETE FROM \`${t}\``);
      await ds.query('SET FOREIGN_KEY_CHECKS = 1');
      await ds.query("UPDATE app_config_json SET json_value = '{}'");
      const keys = await app.redis.keys('fleet:login:*');
      if (keys.length) await app.redis.del(...keys);
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
  return kit;
}
