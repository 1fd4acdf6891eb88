import { gzipSync } from 'node:zlib';
import type { FleetConfig } from '@fleet/config';
import type { Clock } from '@fleet/domain';
import { createTestDatabase, eventually, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { ingestBodyLimits } from '../ingest-body-limits';
import { OsqueryIngestModule } from '../osquery-ingest.module';

export interface IngestKit {
  readonly db: TestDatabase;
  readonly app: TestApp;
  readonly config: FleetConfig;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
  postRaw(path: string, body: string | Buffer, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
  enroll(identifier: string, secret?: string, details?: Record<string, unknown>): Promise<string>;
  /** Polls a SQL query until `accept` holds for its rows (the batch writer is asynchronous). */
  waitFor<T extends Record<string, unknown>>(sql: string, params: unknown[], accept: (rows: T[]) => boolean, timeoutMs?: number): Promise<T[]>;
  close(): Promise<void>;
}

export interface IngestKitOptions {
  /** The process clock (CLOCK) of the app; a FixedClock lets a test move time instead of sleeping. */
  readonly clock?: Clock;
}

/** Another ingest replica on the kit's database and Redis key prefix, as a second pod of the role would be. */
export function startIngestReplica(kit: IngestKit, adjust: (c: FleetConfig) => FleetConfig = (c) => c): Promise<TestApp> {
  const config = adjust(kit.config);
  return startTestApp(config, { roles: ['ingest'], modules: [OsqueryIngestModule], bodyLimits: ingestBodyLimits(config) });
}

export const GLOBAL_SECRET = 'global-secret-for-tests';

/** An ingest role on its own database, with a global enroll secret and a short write interval. */
export async function startIngestKit(label: string, flags: Record<string, string | boolean> = {}, adjust: (c: FleetConfig) => FleetConfig = (c) => c, options: IngestKitOptions = {}): Promise<IngestKit> {
  const db = await createTestDatabase(label, { osquery_async_host_collect_interval: '200ms', ...flags });
  await db.dataSource.query('INSERT INTO enroll_secrets (secret, team_id) VALUES (?, NULL)', [GLOBAL_SECRET]);
  const config = adjust(db.config);
  const app = await startTestApp(config, { roles: ['ingest'], modules: [OsqueryIngestModule], bodyLimits: ingestBodyLimits(config), clock: options.clock });
  const postRaw = async (path: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      json = { unparsable: text };
    }
    return { status: res.status, json };
  };
  const kit: IngestKit = {
    db,
    app,
    config,
    postRaw,
    post: (path, body, headers) => postRaw(path, JSON.stringify(body), headers),
    enroll: async (identifier, secret = GLOBAL_SECRET, details = {}) => {
      const res = await kit.post('/api/osquery/enroll', { enroll_secret: secret, host_identifier: identifier, platform_type: '9', host_details: details });
      if (typeof res.json['node_key'] !== 'string') throw new Error(`enroll failed: ${JSON.stringify(res.json)}`);
      return res.json['node_key'];
    },
    waitFor: async (sql, params, accept, timeoutMs = 10_000) => {
      let rows: Array<Record<string, unknown>> = [];
      try {
        return await eventually('rows', async () => (rows = await db.dataSource.query(sql, params)), (r) => accept(r as never), timeoutMs, 100) as never;
      } catch {
        const problems = app.logs.filter((l) => l['level'] === 'warn' || l['level'] === 'error').slice(-3);
        throw new Error(`condition not met within ${timeoutMs} ms; last rows: ${JSON.stringify(rows).slice(0, 300)}; recent problems logged: ${JSON.stringify(problems).slice(0, 600)}`);
      }
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
  return kit;
}

export const gzipJson = (value: unknown): Buffer => gzipSync(JSON.stringify(value));
