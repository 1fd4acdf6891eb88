import type { AgentCatalog, AgentHost, AgentPack, AgentPackQuery, AgentScheduledQuery } from '@fleet/domain';

type Json = Record<string, unknown>;

/** Fleet's QueryContent for a saved query with a schedule (protocol §3.3). */
function queryContent(q: AgentScheduledQuery): Json {
  const content: Json = { query: q.query, interval: q.interval, platform: q.platform, version: q.minOsqueryVersion };
  if (q.logging === 'snapshot') content['snapshot'] = true;
  else if (q.logging === 'differential') content['removed'] = true;
  else if (q.logging === 'differential_ignore_removals') content['removed'] = false;
  return content;
}

function packQueryContent(q: AgentPackQuery): Json {
  const content: Json = { query: q.query, interval: q.interval, platform: q.platform, version: q.version };
  if (q.snapshot !== null) content['snapshot'] = q.snapshot;
  if (q.removed !== null) content['removed'] = q.removed;
  if (q.shard !== null) content['shard'] = q.shard;
  if (q.denylist !== null) content['denylist'] = q.denylist;
  return content;
}

function packTargets(pack: AgentPack, host: AgentHost, hostLabels: ReadonlySet<number>): boolean {
  return pack.hostIds.includes(host.id) || (host.teamId !== null && pack.teamIds.includes(host.teamId)) || pack.labelIds.some((id) => hostLabels.has(id));
}

/**
 * The `packs` section: "Global" for global scheduled queries, "team-<id>" for the host's team's, and each
 * 2017-style pack that targets the host by label, host or team. Empty packs are left out.
 */
export function buildPacks(catalog: AgentCatalog, host: AgentHost, hostLabels: ReadonlySet<number>): Json {
  const packs: Json = {};
  const global = catalog.scheduledQueries.filter((q) => q.teamId === null);
  if (global.length > 0) packs['Global'] = { queries: Object.fromEntries(global.map((q) => [q.name, queryContent(q)])) };
  if (host.teamId !== null) {
    const team = catalog.scheduledQueries.filter((q) => q.teamId === host.teamId);
    if (team.length > 0) packs[`team-${host.teamId}`] = { queries: Object.fromEntries(team.map((q) => [q.name, queryContent(q)])) };
  }
  for (const pack of catalog.packs) {
    if (pack.queries.length === 0 || !packTargets(pack, host, hostLabels)) continue;
    packs[pack.name] = { ...(pack.platform ? { platform: pack.platform } : {}), queries: Object.fromEntries(pack.queries.map((q) => [q.name, packQueryContent(q)])) };
  }
  return packs;
}
