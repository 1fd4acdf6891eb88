import { routeUrl } from '@fleet/contracts';
import type { AnyAdminRoute } from '@fleet/contracts';
import { ADMIN_CONTROLLERS } from '../api-gateway.module';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit, ApiResponse } from '../testing/admin-test-kit';
import { routeFixtures } from '../testing/route-fixtures';
import { adminRoutes } from './route-inventory';

/** Every declared route once (not once per version prefix), with a sign-in; logout last, since it ends the session. */
function declaredRoutes(): AnyAdminRoute[] {
  const seen = new Set<AnyAdminRoute>();
  for (const r of adminRoutes(ADMIN_CONTROLLERS)) if (r.contract && r.contract.permission !== 'public') seen.add(r.contract);
  return [...seen].sort((a, b) => Number(a.path === '/logout') - Number(b.path === '/logout'));
}

/** The shape of a JSON value: its keys (recursively) and value types, not the values, so fresh fixtures compare equal. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? [] : [shape(v[0])];
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]));
  return v === null ? 'null' : typeof v;
}

const outcome = (r: ApiResponse): { status: number; shape: unknown } => ({ status: r.status, shape: r.body === undefined ? r.text.length > 0 : shape(r.body) });

/**
 * Issue 12, acceptance 1: scripts written for Fleet send JSON bodies with curl's default
 * `application/x-www-form-urlencoded`, or with no Content-Type at all, and generic clients send
 * `Content-Type: application/json` with no body on a DELETE or GET. Every declared route answers those
 * exactly as it answers a well-formed JSON request; a body that is not JSON is Fleet's 400, never a 500.
 */
describe('request bodies whatever their Content-Type, on every declared route (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let teamA: number;

  beforeAll(async () => {
    kit = await startAdminTestKit('body-encoding');
    teamA = await kit.team('A');
  });
  afterAll(async () => { await kit.close(); });

  /** A fresh admin and fresh fixtures per call, so a creation can be repeated and a logout ends only its own session. */
  const callExample = async (route: AnyAdminRoute, contentType: string | null, omitBody = false): Promise<ApiResponse> => {
    const { token } = await kit.user({});
    const call = await route.example(routeFixtures(kit, teamA));
    const query = new URLSearchParams(Object.entries(call.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
    const path = `${routeUrl(route, call.params)}${query ? `?${query}` : ''}`;
    // An omitted body still carries `Content-Type: application/json`, as generic clients send it.
    if (omitBody) return kit.api(route.method, path, { token, headers: { 'content-type': 'application/json' } });
    return kit.api(route.method, path, { token, body: call.body === undefined ? undefined : JSON.stringify(call.body), contentType });
  };

  /** Each test calls every route a few times with fresh fixtures: more than the tier's default timeout on a busy machine. */
  const EVERY_ROUTE_MS = 300_000;
  const writes = declaredRoutes().filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method));
  const withBody = writes.filter((r) => r.body !== undefined);
  const withoutBody = declaredRoutes().filter((r) => ['GET', 'DELETE'].includes(r.method) && r.body === undefined);
  /** POSTs without a body (refetch, trigger): called twice they may conflict with their own first call, so only the body handling is checked. */
  const bodilessWrites = writes.filter((r) => r.body === undefined);

  it('covers every route that takes a body', () => {
    expect(withBody.length).toBeGreaterThan(40);
    expect(withoutBody.length).toBeGreaterThan(40);
  });

  it('reads a JSON body sent as application/x-www-form-urlencoded or with no Content-Type as JSON', async () => {
    const differences: string[] = [];
    for (const route of withBody) {
      const json = outcome(await callExample(route, 'application/json'));
      if (json.status >= 500) differences.push(`${route.method} ${route.path}: ${json.status} with application/json`);
      for (const contentType of ['application/x-www-form-urlencoded', null]) {
        const other = outcome(await callExample(route, contentType));
        if (other.status !== json.status || JSON.stringify(other.shape) !== JSON.stringify(json.shape)) {
          differences.push(`${route.method} ${route.path} with ${contentType ?? 'no Content-Type'}: ${other.status} ${JSON.stringify(other.shape)} vs ${json.status} ${JSON.stringify(json.shape)}`);
        }
      }
    }
    expect(differences).toEqual([]);
  }, EVERY_ROUTE_MS);

  it('answers a GET or DELETE with Content-Type: application/json and an empty body as if no body was sent', async () => {
    const differences: string[] = [];
    for (const route of withoutBody) {
      const plain = outcome(await callExample(route, null));
      const empty = outcome(await callExample(route, 'application/json', true));
      if (empty.status >= 500 || empty.status !== plain.status || JSON.stringify(empty.shape) !== JSON.stringify(plain.shape)) {
        differences.push(`${route.method} ${route.path}: ${empty.status} ${JSON.stringify(empty.shape)} vs ${plain.status} ${JSON.stringify(plain.shape)}`);
      }
    }
    for (const route of bodilessWrites) {
      const r = await callExample(route, 'application/json', true);
      if (r.status >= 500 || r.status === 415 || (r.status === 400 && /json|body/i.test(r.text))) differences.push(`${route.method} ${route.path}: ${r.status} ${r.text}`);
    }
    expect(differences).toEqual([]);
  }, EVERY_ROUTE_MS);

  it('answers a body that is not JSON with Fleet’s 400, never a 500, whatever the Content-Type', async () => {
    const { token } = await kit.user({});
    const wrong: string[] = [];
    for (const route of withBody.filter((r) => r.body !== undefined)) {
      const call = await route.example(routeFixtures(kit, teamA));
      for (const contentType of ['application/json', 'application/x-www-form-urlencoded', null]) {
        const r = await kit.api(route.method, routeUrl(route, call.params), { token, body: 'name=x&{not json', contentType });
        if (r.status !== 400 || r.body?.errors?.[0]?.reason !== 'json decoder error') wrong.push(`${route.method} ${route.path} (${contentType}): ${r.status} ${r.text}`);
      }
    }
    expect(wrong).toEqual([]);
  }, EVERY_ROUTE_MS);
});
