import fc from 'fast-check';
import { anyJson, encode, encodingArb, mutation, nastyString } from './fuzz-request';
import type { FuzzRequest } from './fuzz-request';

/** What the fuzzer knows of the server, so valid-shaped requests get past authentication into the handlers. */
export interface AgentFuzzContext {
  readonly enrollSecret: string;
  /** Node keys of enrolled hosts. */
  readonly nodeKeys: readonly string[];
  /** Live carve sessions (from carve/begin) with their request id. */
  readonly carves: ReadonlyArray<{ readonly sessionId: string; readonly requestId: string }>;
  /** Ids of policies, labels and campaigns that exist, so answers name real ones. */
  readonly policyIds: readonly number[];
  readonly labelIds: readonly number[];
  readonly campaignIds: readonly number[];
}

export const AGENT_ROUTES = ['enroll', 'config', 'distributed/read', 'distributed/write', 'log', 'carve/begin', 'carve/block'] as const;
export type AgentRoute = (typeof AGENT_ROUTES)[number];

const prefix = fc.constantFrom('/api/osquery', '/api/v1/osquery');
const str = (max = 40): fc.Arbitrary<string> => fc.string({ maxLength: max });
const row = fc.dictionary(fc.constantFrom('name', 'version', 'path', 'pid', 'value', 'uid', '1'), fc.oneof(str(), fc.integer().map(String)), { maxKeys: 5 });
const rows = fc.array(row, { maxLength: 8 });

function nodeKey(ctx: AgentFuzzContext): fc.Arbitrary<string> {
  return ctx.nodeKeys.length > 0
    ? fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...ctx.nodeKeys) }, { weight: 1, arbitrary: str(64) })
    : str(64);
}

function queryName(ctx: AgentFuzzContext): fc.Arbitrary<string> {
  const ids = (xs: readonly number[]): fc.Arbitrary<number> => (xs.length > 0 ? fc.oneof(fc.constantFrom(...xs), fc.nat()) : fc.nat());
  return fc.oneof(
    fc.constantFrom('fleet_detail_query_network_interface_unix', 'fleet_detail_query_os_version', 'fleet_detail_query_osquery_info', 'fleet_detail_query_system_info',
      'fleet_detail_query_uptime', 'fleet_detail_query_software_linux', 'fleet_detail_query_users', 'fleet_detail_query_disk_space_unix', 'fleet_detail_query_mdm'),
    ids(ctx.policyIds).map((i) => `fleet_policy_query_${i}`),
    ids(ctx.labelIds).map((i) => `fleet_label_query_${i}`),
    ids(ctx.campaignIds).map((i) => `fleet_distributed_query_${i}`),
    str(30),
  );
}

/** Valid bodies of each route, before mutation. */
function validBody(route: AgentRoute, ctx: AgentFuzzContext): fc.Arbitrary<Record<string, unknown>> {
  const key = nodeKey(ctx);
  switch (route) {
    case 'enroll':
      return fc.record({
        enroll_secret: fc.oneof({ weight: 4, arbitrary: fc.constant(ctx.enrollSecret) }, { weight: 1, arbitrary: str() }),
        host_identifier: fc.uuid(),
        platform_type: fc.constantFrom('21', '9', '2', '0'),
        host_details: fc.record({
          os_version: fc.record({ platform: fc.constantFrom('darwin', 'ubuntu', 'windows', 'rhel'), name: str(), version: str(10) }),
          osquery_info: fc.record({ version: fc.constantFrom('5.12.1', '4.0.0', ''), uuid: fc.uuid() }),
          system_info: fc.record({ hostname: str(), hardware_serial: str(), cpu_brand: str() }),
        }),
      });
    case 'config':
    case 'distributed/read':
      return fc.record({ node_key: key });
    case 'distributed/write':
      return fc.tuple(key, fc.array(queryName(ctx), { minLength: 1, maxLength: 6 }), rows, fc.integer({ min: -1, max: 2 }), str()).map(([k, names, r, status, msg]) => ({
        node_key: k,
        queries: Object.fromEntries(names.map((n) => [n, r])),
        statuses: Object.fromEntries(names.map((n) => [n, status])),
        messages: Object.fromEntries(names.map((n) => [n, msg])),
        stats: Object.fromEntries(names.map((n) => [n, { wall_time_ms: 1, user_time: 1, system_time: 1, memory: 100 }])),
      }));
    case 'log': {
      const result = fc.record({ name: fc.oneof(str(), fc.constant('pack/Global/uptime')), hostIdentifier: fc.uuid(), calendarTime: str(), unixTime: fc.nat(),
        epoch: fc.nat(), counter: fc.nat(), numerics: fc.boolean(), decorations: fc.dictionary(str(10), str()), action: fc.constantFrom('snapshot', 'added', 'removed'),
        snapshot: rows, columns: row });
      const status = fc.record({ hostIdentifier: fc.uuid(), calendarTime: str(), unixTime: fc.nat(), severity: fc.integer({ min: 0, max: 3 }), filename: str(),
        line: fc.nat(), message: str(200), version: str(10), decorations: fc.dictionary(str(10), str()) });
      return fc.tuple(key, fc.constantFrom('result', 'status'), fc.array(fc.oneof(result, status), { maxLength: 20 })).map(([k, t, data]) => ({ node_key: k, log_type: t, data }));
    }
    case 'carve/begin':
      return fc.record({ block_count: fc.nat(100), block_size: fc.nat(8_000_000), carve_size: fc.nat(100_000_000), carve_id: fc.uuid(), request_id: fc.uuid(), node_key: key });
    case 'carve/block': {
      const session = ctx.carves.length > 0 ? fc.constantFrom(...ctx.carves) : fc.record({ sessionId: str(), requestId: str() });
      return fc.tuple(session, fc.nat(100), fc.uint8Array({ maxLength: 4096 }), key).map(([s, block, data, k]) => ({
        block_id: block, session_id: s.sessionId, request_id: s.requestId, data: Buffer.from(data).toString('base64'), node_key: k,
      }));
    }
  }
}

const FIELDS: Record<AgentRoute, readonly string[]> = {
  enroll: ['enroll_secret', 'host_identifier', 'platform_type', 'host_details'],
  config: ['node_key'],
  'distributed/read': ['node_key'],
  'distributed/write': ['node_key', 'queries', 'statuses', 'messages', 'stats'],
  log: ['node_key', 'log_type', 'data'],
  'carve/begin': ['block_count', 'block_size', 'carve_size', 'carve_id', 'request_id', 'node_key'],
  'carve/block': ['block_id', 'session_id', 'request_id', 'data', 'node_key'],
};

/**
 * Requests to one agent route: mostly valid-shaped bodies with one mutation (most of them with a real node key,
 * so they reach the handler), then random JSON, random bytes and non-JSON text; each sent plain, gzip or deflate,
 * sometimes corrupt or as a gzip bomb, sometimes with the node key in the Authorization header.
 */
export function agentRequest(route: AgentRoute, ctx: AgentFuzzContext): fc.Arbitrary<FuzzRequest> {
  const text = fc.oneof(
    { weight: 10, arbitrary: fc.tuple(validBody(route, ctx), mutation(FIELDS[route])).map(([b, m]) => {
      const out = m.apply(b);
      return { json: typeof out === 'string' ? out : JSON.stringify(out), recipe: `valid shape, ${m.kind}` };
    }) },
    { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map((json) => ({ json, recipe: 'random JSON' })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => ({ json: Buffer.from(b).toString('latin1'), recipe: 'random bytes' })) },
    { weight: 1, arbitrary: fc.oneof(nastyString(), fc.constantFrom('', '{', '[]', 'null', '"str"', '{"node_key":')).map((json) => ({ json, recipe: 'not an object' })) },
  );
  const authHeader = fc.option(fc.oneof(nodeKey(ctx).map((k) => `NodeKey ${k}`), anyJson().map((v) => JSON.stringify(v))), { freq: 8 });
  return fc.tuple(prefix, text, encodingArb, authHeader).map(([p, t, enc, auth]) => {
    const { body, headers } = encode(t.json, enc);
    return { method: 'POST', path: `${p}/${route}`, headers: { ...headers, ...(auth !== null ? { authorization: auth } : {}) }, body, recipe: `${t.recipe}; ${enc}` };
  });
}
