import { Controller, Get, Module } from '@nestjs/common';
import { routeUrl } from '@fleet/contracts';
import type { AnyAdminRoute } from '@fleet/contracts';
import type { RoleName } from '@fleet/domain';
import { startTestApp } from '@fleet/testing';
import { ADMIN_CONTROLLERS, ApiGatewayModule } from '../api-gateway.module';
import { AdminController } from '../http/admin-controller.decorator';
import { MISSING_CHECK_LOG } from '../http/authz-backstop.interceptor';
import { adminRoutes } from '../http/route-inventory';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';
import { routeFixtures } from '../testing/route-fixtures';
import type { Fixture } from './route-cases';
import { ROUTE_CASES } from './route-cases';
import { matrixAllows } from './role-matrix.rules';
import type { Who } from './role-matrix.rules';

/** One row of the matrix: how to call a route on fresh fixtures and whom Fleet's matrix allows. */
interface MatrixCase {
  readonly route: string;
  readonly build: (fx: Fixture) => Promise<{ path: string; body?: unknown }>;
  readonly allow: (w: Who) => boolean;
  readonly readOnly: boolean;
}

/** Every declared route that needs a sign-in, once (not once per version prefix), called from its example. */
function declaredCases(): MatrixCase[] {
  const seen = new Set<AnyAdminRoute>();
  const out: MatrixCase[] = [];
  for (const r of adminRoutes(ADMIN_CONTROLLERS)) {
    const c = r.contract;
    if (!c || seen.has(c) || c.permission === 'public') continue;
    seen.add(c);
    out.push({
      route: `${c.method} ${c.path}`,
      build: async (fx) => {
        const call = await c.example(routeFixtures(fx.kit, fx.teamA));
        const query = new URLSearchParams(Object.entries(call.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
        return { path: `${routeUrl(c, call.params, 'v1')}${query ? `?${query}` : ''}`, body: call.body };
      },
      allow: (w) => matrixAllows(c.permission, w),
      readOnly: c.method === 'GET' || c.readOnly === true,
    });
  }
  return out;
}

const LEGACY_CASES: MatrixCase[] = ROUTE_CASES.map((c) => ({
  route: c.route, build: async (fx) => c.build(fx), allow: (w) => c.allow(w), readOnly: false,
}));

const ROLES: RoleName[] = ['admin', 'maintainer', 'observer', 'observer_plus', 'gitops'];
const OBSERVERS = ['observer', 'observer_plus'];
/**
 * POSTs that change no stored object, so they write no activity: Fleet's target search (filters in a body)
 * and the trigger of a background schedule (its run is recorded in cron_stats, as in Fleet).
 */
const READ_ONLY_POSTS = ['POST /api/v1/fleet/targets', 'POST /api/v1/fleet/targets/count', 'POST /api/v1/fleet/trigger'];

describe('authorization over every admin route (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let fx: Fixture;
  const callers: Array<Who & { token: string }> = [];

  beforeAll(async () => {
    kit = await startAdminTestKit('authz');
    const admin = await kit.user({});
    const teamA = await kit.team('A');
    const teamB = await kit.team('B');
    await kit.db.dataSource.query("INSERT INTO enroll_secrets (secret, team_id) VALUES ('TEAM-A-SECRET', ?), ('GLOBAL-SECRET', NULL)", [teamA]);
    const [s] = await kit.db.dataSource.query<Array<{ id: number }>>('SELECT id FROM sessions WHERE user_id = ?', [admin.id]);
    fx = { kit, teamA, adminSessionId: s.id };
    for (const role of ROLES) {
      const api = role === 'gitops';
      callers.push({ kind: 'global', role, token: (await kit.user({ global_role: role, api_only: api })).token });
      callers.push({ kind: 'own', role, token: (await kit.user({ teams: [{ id: teamA, role }], api_only: api })).token });
      callers.push({ kind: 'other', role, token: (await kit.user({ teams: [{ id: teamB, role }], api_only: api })).token });
    }
  });
  afterAll(async () => { await kit.close(); });

  /** Every route as 15 callers is a few thousand requests: more than the tier's default timeout on a busy machine. */
  const WHOLE_MATRIX_MS = 300_000;

  // Logging out ends the caller's session, so it is called last.
  const CASES = [...declaredCases(), ...LEGACY_CASES].sort((a, b) => Number(a.route === 'POST /logout') - Number(b.route === 'POST /logout'));

  it('has a case for every registered admin route', () => {
    const registered = adminRoutes(ADMIN_CONTROLLERS).filter((r) => !r.contract && r.path.startsWith('/api/v1/')).map((r) => `${r.method} ${r.path}`);
    const covered = ROUTE_CASES.map((c) => c.route);
    expect(registered.filter((r) => !covered.includes(r))).toEqual([]);
    expect(covered.filter((r) => !registered.includes(r))).toEqual([]);
  });

  it('allows exactly what the role matrix allows, and observers never see secrets, tokens or hashes', async () => {
    const unexpected: string[] = [];
    for (const c of CASES) {
      for (const who of callers) {
        const { path, body } = await c.build(fx);
        const method = c.route.split(' ')[0];
        const r = await kit.api(method, path, { token: who.token, body });
        const denied = r.status === 403 || r.status === 404;
        const expected = c.allow(who);
        if (expected && (r.status === 401 || r.status === 403 || r.status >= 500)) unexpected.push(`denied ${who.kind}:${who.role} ${c.route} → ${r.status} ${r.text}`);
        if (!expected && !denied) unexpected.push(`ALLOWED ${who.kind}:${who.role} ${c.route} → ${r.status}`);
        if (OBSERVERS.includes(who.role) && /TEAM-A-SECRET|GLOBAL-SECRET|\$2[aby]\$|"token":\s*"|password_hash/.test(r.text)) {
          unexpected.push(`secret leaked to ${who.kind}:${who.role} by ${c.route}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  }, WHOLE_MATRIX_MS);

  it('never finished a handler without a permission decision', () => {
    expect(kit.app.logs.filter((l) => l['msg'] === MISSING_CHECK_LOG)).toEqual([]);
  });

  it('every state-changing route writes an activity', async () => {
    const admin = await kit.user({});
    const missing: string[] = [];
    for (const c of CASES.filter((x) => !x.readOnly && !x.route.startsWith('GET ') && !READ_ONLY_POSTS.includes(x.route))) {
      const { path, body } = await c.build(fx);
      const before = await kit.db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM activities');
      const r = await kit.api(c.route.split(' ')[0], path, { token: admin.token, body });
      const after = await kit.db.dataSource.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM activities');
      if (r.status < 300 && Number(after[0].n) <= Number(before[0].n)) missing.push(`${c.route} (${r.status})`);
    }
    expect(missing).toEqual([]);
  }, WHOLE_MATRIX_MS);
});

@AdminController('probe-unchecked')
class UncheckedProbeController {
  @Get()
  forgot(): Record<string, never> {
    return {};
  }
}
@Module({ imports: [ApiGatewayModule], controllers: [UncheckedProbeController] })
class ProbeModule {}
void Controller;

describe('authorization backstop', () => {
  it('answers 403 and logs when a handler returns without a permission decision', async () => {
    const kit = await startAdminTestKit('backstop');
    const probe = await startTestApp(kit.db.config, { roles: ['api'], modules: [ProbeModule] });
    try {
      const u = await kit.user({});
      const r = await fetch(`${probe.url}/api/v1/fleet/probe-unchecked`, { headers: { authorization: `Bearer ${u.token}` } });
      expect(r.status).toBe(403);
      expect(await r.json()).toEqual({ message: 'forbidden', errors: [{ name: 'base', reason: 'forbidden' }] });
      expect(probe.logs.some((l) => l['msg'] === MISSING_CHECK_LOG)).toBe(true);
    } finally {
      await probe.close();
      await kit.close();
    }
  });
});
