/* eslint-disable @typescript-eslint/no-unsafe-call -- response bodies are untyped JSON under test */
import { labelResponseSchema, labelsResponseSchema, labelsSummaryResponseSchema } from '@fleet/contracts';
import { hostCacheKeys } from '@fleet/messaging';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

describe('labels API (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  beforeAll(async () => { kit = await startAdminTestKit('labels'); });
  afterAll(async () => { await kit.close(); });
  beforeEach(async () => { await kit.reset(); token = (await kit.user({})).token; });

  const call = (method: string, path: string, body?: unknown) => kit.api(method, `/api/latest/fleet${path}`, { token, body });
  const version = async () => Number((await kit.app.redis.get(hostCacheKeys.agentConfigVersion)) ?? 0);

  it('lists the built-in labels with Fleet’s shape, and the summary', async () => {
    const r = await call('GET', '/labels');
    expect(r.status).toBe(200);
    expect(labelsResponseSchema.parse(r.body).labels.length).toBeGreaterThanOrEqual(8);
    expect(r.body.labels.find((l: { name: string }) => l.name === 'All Hosts')).toMatchObject({ label_type: 'builtin', label_membership_type: 'dynamic', host_ids: null });
    const s = await call('GET', '/labels/summary');
    expect(labelsSummaryResponseSchema.parse(s.body).labels[0]).toMatchObject({ label_type: 'builtin' });
    const paged = await call('GET', '/labels?per_page=2&page=1&order_key=id');
    expect(paged.body.labels.map((l: { id: number }) => l.id)).toEqual([r.body.labels[2].id, r.body.labels[3].id]);
  });

  it('creates dynamic and manual labels, edits, lists hosts, deletes, and writes activities', async () => {
    const a = await kit.host({ hostname: 'alpha' });
    await kit.host({ hostname: 'bravo' });
    const before = await version();
    const dyn = await call('POST', '/labels', { name: 'Slack', query: 'SELECT 1 FROM apps', platform: 'darwin', description: 'd' });
    expect(dyn.status).toBe(200);
    expect(labelResponseSchema.parse(dyn.body).label).toMatchObject({ name: 'Slack', label_type: 'regular', label_membership_type: 'dynamic', platform: 'darwin', count: 0 });
    expect(await version()).not.toBe(before);
    const man = await call('POST', '/labels', { name: 'Pets', hosts: ['alpha', 'nope'] });
    expect(man.body.label).toMatchObject({ label_membership_type: 'manual', host_count: 1, query: '' });
    const hosts = await call('GET', `/labels/${man.body.label.id}/hosts`);
    expect(hosts.body.hosts.map((h: { id: number }) => h.id)).toEqual([a]);
    expect((await call('POST', '/labels', { name: 'Pets' })).status).toBe(409);
    const edited = await call('PATCH', `/labels/${man.body.label.id}`, { name: 'Cattle', hosts: ['bravo'] });
    expect(edited.body.label).toMatchObject({ name: 'Cattle', host_count: 1 });
    const dynHosts = await call('PATCH', `/labels/${dyn.body.label.id}`, { hosts: ['alpha'] });
    expect(dynHosts.status).toBe(422);
    expect((await call('GET', `/labels/${dyn.body.label.id}`)).body.label.name).toBe('Slack');
    expect((await call('DELETE', '/labels/Cattle')).body).toEqual({});
    expect((await call('DELETE', `/labels/id/${dyn.body.label.id}`)).status).toBe(200);
    expect((await call('GET', `/labels/${dyn.body.label.id}`)).status).toBe(404);
    const types = (await call('GET', '/activities')).body.activities.map((x: { type: string }) => x.type);
    expect(types).toEqual(expect.arrayContaining(['created_label', 'edited_label', 'deleted_label']));
  });

  it('refuses to change or delete built-in labels with Fleet’s messages', async () => {
    const r = await call('PATCH', '/labels/1', { name: 'x' });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toEqual({ name: 'label_type', reason: expect.stringMatching(/^cannot modify built-in label '.+'$/) });
    const d = await call('DELETE', '/labels/All%20Hosts');
    expect(d.body).toMatchObject({ message: 'Validation Failed', errors: [{ name: 'name', reason: "cannot delete built-in label 'All Hosts'" }] });
    expect((await call('POST', '/labels', { name: '' })).body.errors[0]).toEqual({ name: 'name', reason: 'cannot be empty' });
    expect((await call('GET', '/labels/999999')).status).toBe(404);
  });
});
