import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { routeUrl } from '@fleet/contracts';
import type { AnyAdminRoute, RouteCall } from '@fleet/contracts';
import { ensureDevCertificate } from '@fleet/platform';
import { ADMIN_CONTROLLERS } from '../api-gateway.module';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';
import { routeFixtures } from '../testing/route-fixtures';
import { installSoftware, seedSoftwareCve, softwareIdOf } from '../testing/software-seed';
import { adminRoutes } from './route-inventory';

/** The data file: Fleet's documented response keys per endpoint (see its $comment). */
interface ResponseKeys {
  readonly notServed: Readonly<Record<string, string>>;
  readonly objects: Readonly<Record<string, readonly string[]>>;
  readonly endpoints: Readonly<Record<string, { readonly keys: readonly string[]; readonly query?: Readonly<Record<string, string>> }>>;
}
const DATA: ResponseKeys = JSON.parse(readFileSync(join(__dirname, '../../../../libs/contracts/src/admin/fleet-response-keys.json'), 'utf8'));

/** Expands `@name` references into plain paths (`a.b`, `list[].c`). */
export function expandKeys(keys: readonly string[], objects: ResponseKeys['objects'], prefix = ''): string[] {
  return keys.flatMap((k) => {
    const at = k.indexOf('@');
    if (at < 0) return [`${prefix}${k}`];
    const name = k.slice(at + 1);
    const inner = objects[name];
    if (!inner) throw new Error(`unknown object @${name}`);
    return expandKeys(inner, objects, `${prefix}${k.slice(0, at)}`);
  });
}

/** Whether a documented path is one the data file lists as not served (matched on whole path segments). */
function notServed(path: string): string | undefined {
  for (const [k, why] of Object.entries(DATA.notServed)) {
    const anchored = k.startsWith('^');
    const key = anchored ? k.slice(1) : k;
    const hit = path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`)
      || (!anchored && (path.endsWith(`.${key}`) || path.includes(`.${key}.`) || path.includes(`.${key}[`)));
    if (hit) return why;
  }
  return undefined;
}

/** Splits `a.b[].c` into steps: a key, or `[]` for every element. */
const steps = (path: string): string[] => path.replace(/\[\]/g, '.[]').split('.').filter(Boolean);
const show = (seen: readonly string[]): string => seen.join('.').replace(/\.\[\]/g, '[]');

type Walk = { readonly kind: 'present' } | { readonly kind: 'missing'; readonly at: string } | { readonly kind: 'unreached'; readonly at: string };

/**
 * Follows a path through a response body. An array step is satisfied by any element holding the rest of the path
 * (some keys are documented for some elements only, such as a manual label's hosts); an empty array, or a null on
 * the way, leaves the rest unreached: the route's schema answers for it then.
 */
function walk(value: unknown, path: string[], seen: string[] = []): Walk {
  if (path.length === 0) return { kind: 'present' };
  const [step, ...rest] = path;
  if (value === null || value === undefined) return { kind: 'unreached', at: show(seen) };
  if (step === '[]') {
    if (!Array.isArray(value)) return { kind: 'missing', at: `${show(seen)} (not an array)` };
    if (value.length === 0) return { kind: 'unreached', at: `${show(seen)}[]` };
    const results = value.map((v) => walk(v, rest, [...seen, '[]']));
    return results.find((r) => r.kind === 'present') ?? results.find((r) => r.kind === 'missing') ?? results[0];
  }
  if (typeof value !== 'object' || Array.isArray(value)) return { kind: 'missing', at: `${show(seen)} (not an object)` };
  if (!Object.prototype.hasOwnProperty.call(value, step)) return { kind: 'missing', at: show([...seen, step]) };
  return walk((value as Record<string, unknown>)[step], rest, [...seen, step]);
}

/** Whether a zod schema declares a path (through optional, nullable, pipes, unions, records and catch-alls). */
function schemaHas(schema: z.ZodType, path: string[]): boolean {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- zod's internal definition, read structurally
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case 'optional': case 'nullable': case 'default': case 'readonly': case 'nonoptional': case 'prefault': case 'catch':
      return schemaHas(def.innerType, path);
    case 'pipe': return schemaHas(def.in, path) || schemaHas(def.out, path);
    case 'lazy': return schemaHas((def.getter as () => z.ZodType)(), path);
    case 'union': return (def.options as z.ZodType[]).some((o) => schemaHas(o, path));
    case 'intersection': return schemaHas(def.left, path) || schemaHas(def.right, path);
    case 'unknown': case 'any': return true;
    default: break;
  }
  if (path.length === 0) return true;
  const [step, ...rest] = path;
  if (def.type === 'array') return step === '[]' && schemaHas(def.element, rest);
  if (def.type === 'record') return step !== '[]' && schemaHas(def.valueType, rest);
  if (def.type === 'object') {
    const shape = def.shape as Record<string, z.ZodType>;
    if (step in shape) return schemaHas(shape[step], rest);
    return def.catchall !== undefined && def.catchall._zod.def.type !== 'never' && schemaHas(def.catchall, rest);
  }
  return false;
}

const declared = new Map<string, AnyAdminRoute>();
for (const r of adminRoutes(ADMIN_CONTROLLERS)) if (r.contract) declared.set(`${r.contract.method} ${r.contract.path}`, r.contract);

describe('response keys: every documented key of Fleet\'s example responses is answered (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  let teamA: number;
  let tls: Server;
  /** Calls that need the richly populated host (software with a CVE, policies, labels, a pack, users, results). */
  const rich: Record<string, RouteCall> = {};

  beforeAll(async () => {
    kit = await startAdminTestKit('response_keys');
    const ds = kit.db.dataSource;
    const admin = await kit.user({});
    token = admin.token;
    teamA = await kit.team('A');
    await ds.query("INSERT INTO enroll_secrets (secret, team_id) VALUES ('TEAM-A', ?), ('GLOBAL', NULL)", [teamA]);
    await kit.api('PATCH', '/api/latest/fleet/teams/' + teamA, { token, body: { description: 'team A' } });
    const id = await kit.host({ team_id: teamA, hostname: 'rich.local', platform: 'darwin', os_version: 'macOS 14.1', uptime: 3_600_000_000_000,
      gigs_disk_space_available: 10, hardware_serial: 'SERIAL1' });
    await ds.query("INSERT INTO host_users (host_id, uid, username, user_type, groupname, shell) VALUES (?, 0, 'root', '', 'wheel', '/bin/zsh')", [id]);
    await installSoftware(ds, id, [{ name: 'Firefox.app', version: '116.0.3', source: 'apps', installed_path: '/Applications/Firefox.app', bundle_identifier: 'org.mozilla.firefox', last_opened_at: 1_700_000_000 }]);
    const sw = await softwareIdOf(ds, 'Firefox.app', '116.0.3');
    await seedSoftwareCve(ds, [sw.id], { cve: 'CVE-2099-0001', cvssScore: 9.8, epss: 0.5, kev: true, published: new Date('2024-01-01T00:00:00Z'), resolvedIn: '117.0' });
    const policy = (await kit.api('POST', '/api/latest/fleet/global/policies', { token, body: { name: 'gatekeeper', query: 'SELECT 1', critical: true } })).body.policy.id;
    const teamPolicy = (await kit.api('POST', `/api/latest/fleet/teams/${teamA}/policies`, { token, body: { name: 'filevault', query: 'SELECT 1' } })).body.policy.id;
    await ds.query('INSERT INTO policy_membership (policy_id, host_id, passes) VALUES (?, ?, 0), (?, ?, 1)', [policy, id, teamPolicy, id]);
    const label = (await kit.api('POST', '/api/latest/fleet/labels', { token, body: { name: 'rich hosts', hosts: ['rich.local'] } })).body.label.id;
    const pack = (await kit.api('POST', '/api/latest/fleet/packs', { token, body: { name: 'rich pack', host_ids: [id] } })).body.pack.id;
    const query = (await kit.api('POST', '/api/latest/fleet/queries', { token, body: { name: 'usb', query: 'SELECT 1', interval: 3600 } })).body.query.id;
    await kit.api('POST', '/api/latest/fleet/schedule', { token, body: { pack_id: pack, query_id: query, interval: 60 } });
    await ds.query(`INSERT INTO query_results (query_id, host_id, last_fetched, data) VALUES (?, ?, NOW(6), '{"model":"hub"}')`, [query, id]);
    await kit.api('PUT', `/api/latest/fleet/hosts/${id}/device_mapping`, { token, body: { email: 'user@example.com' } });
    await kit.api('POST', `/api/latest/fleet/hosts/${id}/refetch`, { token });
    // GET /config/certificate reads the chain presented at server_url: a TLS server with the development certificate.
    const dev = await ensureDevCertificate(mkdtempSync(join(tmpdir(), 'fleet-keys-')));
    tls = createServer({ cert: readFileSync(dev.certPath, 'utf8'), key: readFileSync(dev.keyPath, 'utf8') }, (_req, res) => res.end('ok'));
    const port = await new Promise<number>((resolve) => tls.listen(0, '127.0.0.1', () => resolve((tls.address() as AddressInfo).port)));
    await kit.api('PATCH', '/api/latest/fleet/config', { token, body: { server_settings: { server_url: `https://localhost:${port}` } } });
    Object.assign(rich, {
      'GET /hosts/:id': { params: { id } },
      'GET /hosts/identifier/:identifier': { params: { identifier: 'SERIAL1' } },
      'GET /hosts/:id/device_mapping': { params: { id } },
      'GET /hosts/:id/health': { params: { id } },
      'GET /hosts/:id/activities': { params: { id } },
      'GET /hosts/:id/queries/:query_id': { params: { id, query_id: query } },
      'GET /labels/:id/hosts': { params: { id: label } },
      'GET /queries/:id/report': { params: { id: query } },
      'GET /teams/:id/policies': { params: { id: teamA } },
    } satisfies Record<string, RouteCall>);
  });
  afterAll(async () => {
    tls.close();
    await kit.close();
  });

  it('has a declared route for every endpoint of the data file', () => {
    expect(Object.keys(DATA.endpoints).filter((e) => !declared.has(e))).toEqual([]);
  });

  it('answers every documented key (or declares it where the answer has no element to show it)', async () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [endpoint, spec] of Object.entries(DATA.endpoints)) {
      const route = declared.get(endpoint);
      if (!route) continue;
      const example = rich[endpoint] ?? await route.example(routeFixtures(kit, teamA));
      const query = new URLSearchParams(Object.entries({ ...(example.query ?? {}), ...(spec.query ?? {}) }).map(([k, v]): [string, string] => [k, String(v)])).toString();
      const version = route.versions?.[0] ?? 'latest';
      const r = await kit.api(route.method, `${routeUrl(route, example.params, version)}${query ? `?${query}` : ''}`, { token, body: example.body });
      if (r.status >= 300) { missing.push(`${endpoint}: ${r.status} ${r.text.slice(0, 200)}`); continue; }
      for (const path of expandKeys(spec.keys, DATA.objects)) {
        if (notServed(path)) continue;
        checked++;
        const found = walk(r.body, steps(path));
        if (found.kind === 'missing') missing.push(`${endpoint}: ${path} (missing at ${found.at})`);
        else if (found.kind === 'unreached' && typeof route.response !== 'string' && !schemaHas(route.response as z.ZodType, steps(path))) {
          missing.push(`${endpoint}: ${path} (no element at ${found.at}, and the response schema does not declare it)`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(900);
  }, 180_000);

  it('lists a reason for every key it leaves out, and every left-out key is one some endpoint documents', () => {
    const all = Object.values(DATA.endpoints).flatMap((e) => expandKeys(e.keys, DATA.objects));
    for (const [key, why] of Object.entries(DATA.notServed)) {
      expect(why.length).toBeGreaterThan(10);
      expect(all.some((p) => notServed(p) === why && (p.includes(key.replace(/^\^/, ''))))).toBe(true);
    }
  });
});
