import { translateRoutes as r } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

/** `POST /translate` (fleet-admin-api.md §1.14) on Fleet's documented example. */
describe('POST /translate (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  beforeAll(async () => { kit = await startAdminTestKit('translate'); });
  afterAll(async () => { await kit.close(); });

  it('translates users, labels, teams and hosts to their ids, in order', async () => {
    const admin = await kit.user({ email: 'some@email.com' });
    const team = await kit.team('team1');
    const host = await kit.host({ hostname: 'host-ABC' });
    const [label] = await kit.db.dataSource.query<Array<{ id: number }>>("SELECT id FROM labels WHERE name = 'All Hosts'");
    const list = [
      { type: 'user', payload: { identifier: 'some@email.com' } }, { type: 'label', payload: { identifier: 'All Hosts' } },
      { type: 'team', payload: { identifier: 'team1' } }, { type: 'host', payload: { identifier: 'host-ABC' } },
    ];
    const res = await kit.api('POST', '/api/latest/fleet/translate', { token: admin.token, body: JSON.stringify({ list }), contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ list: [
      { type: 'user', payload: { identifier: 'some@email.com', id: admin.id } }, { type: 'label', payload: { identifier: 'All Hosts', id: label?.id } },
      { type: 'team', payload: { identifier: 'team1', id: team } }, { type: 'host', payload: { identifier: 'host-ABC', id: host } },
    ] });
    const unknownType = await kit.call(r.translate, { body: { list: [{ type: 'pack', payload: { identifier: 'x' } }] } }, { token: admin.token });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body).toEqual({ message: 'Bad request', errors: [{ name: 'base', reason: 'Type pack is unknown. ' }] });
    expect((await kit.call(r.translate, { body: { list: [{ type: 'host', payload: { identifier: 'nope' } }] } }, { token: admin.token })).status).toBe(404);
    expect((await kit.call(r.translate, { body: { list: [] } }, { token: admin.token })).status).toBe(400);
  });
});
