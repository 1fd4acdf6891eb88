import { randomUUID } from 'node:crypto';
import { ENROLL_SECRET } from '../fleet-stack';
import type { AdminFuzzContext } from './admin-requests';
import type { AgentFuzzContext } from './agent-requests';

async function post(url: string, path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || 'error' in json) throw new Error(`${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

const idOf = (v: unknown, key: string): number | undefined => {
  const o = (v as Record<string, Record<string, unknown> | undefined>)[key];
  return typeof o?.['id'] === 'number' ? o['id'] : undefined;
};

/**
 * What the fuzzer's valid-shaped requests name: the first admin (setup), a team, a label, a policy, enrolled hosts
 * with node keys, carve sessions and a live-query campaign, so generated requests get past authentication and
 * lookups into the handlers' real work.
 */
export async function makeFixtures(url: string): Promise<{ agent: AgentFuzzContext; admin: AdminFuzzContext }> {
  const setup = await post(url, '/api/v1/setup', {
    admin: { name: 'fuzz', email: 'fuzz@example.com', password: 'Fuzz-passw0rd!!', password_confirmation: 'Fuzz-passw0rd!!' }, org_info: { org_name: 'Fuzz' }, server_url: url,
  });
  const token = String(setup['token']);
  const nodeKeys: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await post(url, '/api/v1/osquery/enroll', { enroll_secret: ENROLL_SECRET, host_identifier: `fuzz-host-${i}`, platform_type: '9',
      host_details: { os_version: { platform: 'ubuntu', name: 'Ubuntu', version: '22.04' }, osquery_info: { version: '5.12.1' }, system_info: { hostname: `fuzz-${i}` } } });
    nodeKeys.push(String(r['node_key']));
  }
  const teamId = idOf(await post(url, '/api/latest/fleet/teams', { name: 'fuzz team' }, token), 'team');
  const labelId = idOf(await post(url, '/api/latest/fleet/labels', { name: 'fuzz label', query: 'SELECT 1' }, token), 'label');
  const policyId = idOf(await post(url, '/api/latest/fleet/global/policies', { name: 'fuzz policy', query: 'SELECT 1' }, token), 'policy');
  const campaign = await post(url, '/api/latest/fleet/queries/run', { query: 'SELECT 1', selected: { hosts: [1, 2, 3] } }, token).catch(() => ({}));
  const campaignId = idOf(campaign, 'campaign');
  const carves: Array<{ sessionId: string; requestId: string }> = [];
  for (const key of nodeKeys.slice(0, 3)) {
    const requestId = randomUUID();
    const r = await post(url, '/api/v1/osquery/carve/begin', { block_count: 4, block_size: 4096, carve_size: 16384, carve_id: randomUUID(), request_id: requestId, node_key: key })
      .catch((): Record<string, unknown> => ({}));
    if (typeof r['session_id'] === 'string') carves.push({ sessionId: r['session_id'], requestId });
  }
  const present = (xs: Array<number | undefined>): number[] => xs.filter((x): x is number => x !== undefined);
  return {
    agent: { enrollSecret: ENROLL_SECRET, nodeKeys, carves, policyIds: present([policyId]), labelIds: present([labelId]), campaignIds: present([campaignId]) },
    admin: { token, ids: [...new Set([1, 2, 3, ...present([teamId, labelId, policyId, campaignId])])] },
  };
}
