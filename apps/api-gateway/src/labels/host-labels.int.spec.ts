/* eslint-disable @typescript-eslint/no-unsafe-call -- raw response bodies are untyped JSON under test */
import { labelRoutes as r } from '@fleet/contracts';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

/** `POST`/`DELETE /hosts/:id/labels` (fleet-admin-api.md §1.3, manual labels only). */
describe('a host\'s manual labels (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('host_labels'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const members = async (hostId: number): Promise<string[]> => (await kit.db.dataSource.query<Array<{ name: string }>>(
    'SELECT l.name FROM label_membership lm JOIN labels l ON l.id = lm.label_id WHERE lm.host_id = ? ORDER BY l.name', [hostId])).map((x) => x.name);
  const label = (name: string, manual: boolean) => kit.db.dataSource.query(
    'INSERT INTO labels (name, description, query, label_membership_type) VALUES (?, \'\', ?, ?)', [name, manual ? '' : 'SELECT 1', manual ? 1 : 0]);

  it('adds and removes manual labels, answers {} and shows them on the host; DELETE takes its names in a JSON body', async () => {
    const host = await kit.host({});
    await label('pets', true);
    await label('cattle', true);
    const added = await kit.call(r.addToHost, { params: { id: host }, body: { labels: ['pets', 'cattle'] } }, { token });
    expect(added.status).toBe(200);
    expect(added.text).toBe('{}');
    expect(await members(host)).toEqual(['cattle', 'pets']);
    const detail = await kit.api('GET', `/api/latest/fleet/hosts/${host}`, { token });
    expect(detail.body.host.labels.map((l: { name: string; label_membership_type: string }) => [l.name, l.label_membership_type]))
      .toEqual(expect.arrayContaining([['pets', 'manual'], ['cattle', 'manual']]));
    // A generic client's DELETE with a body and curl's Content-Type.
    const removed = await kit.api('DELETE', `/api/latest/fleet/hosts/${host}/labels`, { token, body: JSON.stringify({ labels: ['cattle'] }), contentType: 'application/x-www-form-urlencoded' });
    expect(removed.status).toBe(200);
    expect(await members(host)).toEqual(['pets']);
    const types = (await kit.api('GET', `/api/latest/fleet/hosts/${host}/activities`, { token })).body.activities.map((a: { type: string }) => a.type);
    expect(types).toEqual(['edited_label', 'edited_label', 'edited_label']);
  });

  it('refuses unknown and dynamic labels with Fleet\'s 400 and changes nothing', async () => {
    const host = await kit.host({});
    await label('pets', true);
    await label('Slack', false);
    const unknown = await kit.call(r.addToHost, { params: { id: host }, body: { labels: ['pets', 'nope'] } }, { token });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ message: 'Bad request', errors: [{ name: 'base', reason: 'Couldn\'t add labels. Labels not found: "nope". All labels must exist.' }] });
    const dynamic = await kit.call(r.addToHost, { params: { id: host }, body: { labels: ['Slack', 'All Hosts'] } }, { token });
    expect(dynamic.body?.errors?.[0]?.reason).toBe('Couldn\'t add labels. Labels are dynamic: "All Hosts", "Slack". Dynamic labels can not be assigned to hosts manually.');
    expect(await members(host)).toEqual([]);
  });

  it('lets a team maintainer label their team\'s hosts but not another team\'s', async () => {
    const team = await kit.team('T');
    const mine = await kit.host({ team_id: team });
    const other = await kit.host({});
    await label('pets', true);
    const maintainer = await kit.user({ teams: [{ id: team, role: 'maintainer' }] });
    expect((await kit.call(r.addToHost, { params: { id: mine }, body: { labels: ['pets'] } }, { token: maintainer.token })).status).toBe(200);
    expect((await kit.call(r.addToHost, { params: { id: other }, body: { labels: ['pets'] } }, { token: maintainer.token })).status).toBe(404);
    const observer = await kit.user({ teams: [{ id: team, role: 'observer' }] });
    expect((await kit.call(r.removeFromHost, { params: { id: mine }, body: { labels: ['pets'] } }, { token: observer.token })).status).toBe(403);
  });
});
