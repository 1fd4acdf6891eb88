import { distributedWriteRequestSchema } from '@fleet/contracts';
import type { AgentHost } from '@fleet/domain';
import { planDistributedWrite } from './distributed-write.plan';

const AT = Date.parse('2026-12-01T09:00:00Z');
const host: AgentHost = {
  id: 7, nodeKey: 'nk', osqueryHostId: 'h-7', teamId: null, platform: 'ubuntu', hostname: 'db-7', refetchRequested: false,
  detailUpdatedAt: 0, labelUpdatedAt: 0, policyUpdatedAt: 0, lastEnrolledAt: 0, intervals: '0/0/0',
};
const plan = (body: Record<string, unknown>, h: AgentHost = host, publicIp = '') =>
  planDistributedWrite(h, distributedWriteRequestSchema.parse({ node_key: 'nk', ...body }), publicIp, AT);

/** Protocol §5.6, one query kind at a time, without Redis or MySQL. */
describe('planDistributedWrite', () => {
  it('turns a live-query answer into one answer per campaign, with rows and stats, and no host write', () => {
    const p = plan({ queries: { fleet_distributed_query_42: [{ pid: '1' }] }, statuses: { fleet_distributed_query_42: 0 }, stats: { fleet_distributed_query_42: { wall_time_ms: 3 } } });
    expect(p.answers).toEqual([{ campaignId: 42, hostId: 7, hostname: 'db-7', rows: [{ pid: '1' }], error: null, stats: { wall_time_ms: 3 } }]);
    expect(p.write).toBeNull();
    expect(p.cachePatch).toEqual({});
  });

  it('passes a failed live query on with its message, or "query failed" when the agent gave none', () => {
    const p = plan({
      queries: { fleet_distributed_query_1: [], fleet_distributed_query_2: [] },
      statuses: { fleet_distributed_query_1: 1, fleet_distributed_query_2: 1 },
      messages: { fleet_distributed_query_1: 'no such table: foo' },
    });
    expect(p.answers.map((a) => [a.campaignId, a.error, a.stats])).toEqual([[1, 'no such table: foo', {}], [2, 'query failed', {}]]);
  });

  it('records labels and policies as matched when rows came back, not matched when none, unknown when the query failed', () => {
    const p = plan({
      queries: { fleet_label_query_1: [{ '1': '1' }], fleet_label_query_2: [], fleet_label_query_3: [], fleet_policy_query_4: [{ '1': '1' }], fleet_policy_query_5: [], fleet_policy_query_6: [] },
      statuses: { fleet_label_query_3: 1, fleet_policy_query_6: '1' },
    });
    expect(p.write).toEqual({
      hostId: 7, at: AT, labels: { 1: true, 2: false, 3: null }, labelsRan: true, policies: { 4: true, 5: false, 6: null }, policiesRan: true,
    });
    expect(p.cachePatch).toEqual({ labelUpdatedAt: AT, policyUpdatedAt: AT });
  });

  it('marks policies as run for the no-policies wildcard without recording any result', () => {
    const p = plan({ queries: { fleet_no_policies_wildcard: [{ '1': '1' }] } });
    expect(p.write).toEqual({ hostId: 7, at: AT, policiesRan: true });
    expect(p.cachePatch).toEqual({ policyUpdatedAt: AT });
  });

  it('ingests detail queries into vitals, users and software, and updates the cached hostname and platform', () => {
    const p = plan({
      queries: {
        fleet_detail_query_os_version: [{ name: 'Ubuntu', version: '22.04.4 LTS (Jammy Jellyfish)', major: '22', minor: '4', patch: '0', build: '', platform: 'ubuntu', platform_like: 'debian', codename: 'jammy', arch: 'x86_64' }],
        fleet_detail_query_system_info: [{ hostname: 'db-8.example.com', uuid: 'U-1', cpu_logical_cores: '16', physical_memory: '1024' }],
        fleet_detail_query_users: [{ uid: '1000', username: 'alice', type: '', groupname: 'alice', shell: '/bin/bash' }],
        fleet_detail_query_software_linux: [{ name: 'curl', version: '7.81.0', source: 'deb_packages', vendor: '', arch: 'amd64', release: '' }],
      },
    });
    expect(p.write).toMatchObject({ hostId: 7, at: AT, detailUpdated: true, users: [{ uid: 1000, username: 'alice', shell: '/bin/bash' }] });
    expect(p.write?.vitals).toMatchObject({ hostname: 'db-8.example.com', platform: 'ubuntu', os_version: 'Ubuntu 22.04.4 LTS', cpu_logical_cores: 16, memory: 1024 });
    expect(p.write?.software).toEqual([expect.objectContaining({ name: 'curl', version: '7.81.0', source: 'deb_packages' })]);
    expect(p.cachePatch).toEqual({ detailUpdatedAt: AT, platform: 'ubuntu', hostname: 'db-8.example.com' });
  });

  it('keeps prior values when a detail query failed, and ignores detail names it does not know', () => {
    const p = plan({
      queries: { fleet_detail_query_system_info: [{ hostname: 'wrong' }], fleet_detail_query_no_such_query: [{ a: '1' }] },
      statuses: { fleet_detail_query_system_info: 1 },
    });
    expect(p.write).toBeNull();
    expect(p.cachePatch).toEqual({});
  });

  it('ignores additional and unknown query names', () => {
    const p = plan({ queries: { fleet_additional_query_x: [{ a: '1' }], something_else: [{ a: '1' }], fleet_label_query_x: [] } });
    expect(p).toEqual({ write: null, answers: [], cachePatch: {}, problems: [] });
  });

  it('clears a requested refetch with any write, and carries the public IP only along with data', () => {
    expect(plan({ queries: {} }, { ...host, refetchRequested: true }, '203.0.113.9')).toMatchObject({
      write: { hostId: 7, at: AT, refetchCleared: true, publicIp: '203.0.113.9' }, cachePatch: { refetchRequested: false },
    });
    expect(plan({ queries: {} }, host, '203.0.113.9').write).toBeNull();
  });
});
