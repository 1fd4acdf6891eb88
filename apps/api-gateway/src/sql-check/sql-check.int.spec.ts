import { sqlCheckRoutes as r } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

/** `POST /queries/check` through the gateway: what the web UI calls before it runs or saves SQL. */
describe('POST /queries/check (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('sql_check'); });
  afterAll(async () => { await kit.close(); });

  it('answers valid with the tables read, invalid with SQLite\'s message, and needs a signed-in user', async () => {
    const observer = await kit.user({ email: 'observer@example.com', global_role: 'observer' });
    const ok = await kit.call(r.check, { body: { query: 'SELECT name FROM processes;' } }, { token: observer.token });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ valid: true, error: null, warnings: [], tables: ['processes'] });
    const bad = await kit.call(r.check, { body: { query: 'SELECT * FORM processes' } }, { token: observer.token });
    expect(bad.body).toMatchObject({ valid: false, error: 'near "FORM": syntax error' });
    expect((await kit.call(r.check, { body: { query: 'SELECT 1' } }, {})).status).toBe(401);
  });
});
