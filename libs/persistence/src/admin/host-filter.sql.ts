import { likeTerm } from './sql-page';
import type { HostFilters, TeamScope } from '@fleet/domain';
import { teamScopeSql } from './team-scope';

/** The filter shape's former persistence home, for callers not yet importing it from @fleet/domain. */
export type { HostFilters } from '@fleet/domain';

/** When the host was last seen, falling back to enrollment (Fleet's rule when no seen time exists yet). */
export const SEEN_SQL = 'COALESCE(hst.seen_time, h.created_at)';
/** Fleet's online rule (domain `isHostOnline`) in SQL: seen + LEAST(intervals) + 60 s > now. */
export const ONLINE_SQL = `DATE_ADD(${SEEN_SQL}, INTERVAL GREATEST(LEAST(h.distributed_interval, h.config_tls_refresh), 0) + 60 SECOND) > ?`;
const MISSING_MS = 30 * 24 * 3600_000;
const NEW_MS = 24 * 3600_000;

/**
 * WHERE clause (with its parameters) for a host list, count, report or bulk action. Scope first, so a
 * team user's filters can only narrow what their teams hold. Each filter uses an indexed column or an
 * indexed membership table (label_membership PK, policy_membership (policy_id, passes), host_software).
 */
export function hostWhere(scope: TeamScope, f: HostFilters, now: Date): { sql: string; params: unknown[] } {
  const s = teamScopeSql('h.team_id', scope);
  const parts = [s.sql];
  const params: unknown[] = [...s.params];
  const add = (sql: string, ...p: unknown[]) => { parts.push(sql); params.push(...p); };
  if (f.query) {
    const t = likeTerm(f.query);
    add('(h.hostname LIKE ? OR h.uuid LIKE ? OR h.hardware_serial LIKE ? OR h.primary_ip LIKE ? OR h.computer_name LIKE ?)', t, t, t, t, t);
  }
  switch (f.status) {
    case undefined: break;
    case 'online': add(ONLINE_SQL, now); break;
    case 'offline': add(`NOT (${ONLINE_SQL}) AND ${SEEN_SQL} > ?`, now, new Date(now.getTime() - MISSING_MS)); break;
    case 'missing': add(`${SEEN_SQL} <= ?`, new Date(now.getTime() - MISSING_MS)); break;
    case 'new': add('h.created_at >= ?', new Date(now.getTime() - NEW_MS)); break;
  }
  if (f.teamId !== undefined) {
    if (f.teamId === 0) add('h.team_id IS NULL');
    else add('h.team_id = ?', f.teamId);
  }
  if (f.labelId !== undefined) add('EXISTS (SELECT 1 FROM label_membership lm WHERE lm.label_id = ? AND lm.host_id = h.id)', f.labelId);
  if (f.policyId !== undefined) {
    if (f.policyResponse) add('EXISTS (SELECT 1 FROM policy_membership pm WHERE pm.policy_id = ? AND pm.host_id = h.id AND pm.passes = ?)', f.policyId, f.policyResponse === 'passing' ? 1 : 0);
    else add('EXISTS (SELECT 1 FROM policy_membership pm WHERE pm.policy_id = ? AND pm.host_id = h.id)', f.policyId);
  }
  if (f.softwareId !== undefined) add('EXISTS (SELECT 1 FROM host_software hs WHERE hs.software_id = ? AND hs.host_id = h.id)', f.softwareId);
  // From the title's (or CVE's) few versions to the host's primary key, never through the host's whole inventory.
  if (f.softwareTitleId !== undefined) add('EXISTS (SELECT 1 FROM software s JOIN host_software hs ON hs.host_id = h.id AND hs.software_id = s.id WHERE s.title_id = ?)', f.softwareTitleId);
  if (f.vulnerability !== undefined) {
    add(`(EXISTS (SELECT 1 FROM software_cve sc JOIN host_software hs ON hs.host_id = h.id AND hs.software_id = sc.software_id WHERE sc.cve = ?)
      OR EXISTS (SELECT 1 FROM operating_system_cve oc JOIN operating_systems o ON o.id = oc.os_id WHERE oc.cve = ? AND o.platform = h.platform AND o.name = h.os_version))`,
    f.vulnerability, f.vulnerability);
  }
  if (f.osName !== undefined) add(f.osVersion !== undefined ? 'h.os_version = ?' : 'h.os_version LIKE ?', f.osVersion !== undefined ? `${f.osName} ${f.osVersion}` : `${f.osName}%`);
  if (f.platform) add('h.platform = ?', f.platform);
  if (f.lowDiskSpace !== undefined) add('h.gigs_disk_space_available < ?', f.lowDiskSpace);
  return { sql: parts.join(' AND '), params };
}

export const HOST_FROM = 'FROM hosts h LEFT JOIN host_seen_times hst ON hst.host_id = h.id LEFT JOIN teams t ON t.id = h.team_id';

/** A host's failing policies: its `issues.failing_policies_count`, and what `order_key=issues` sorts by. */
export const FAILING_POLICIES_SQL = '(SELECT COUNT(*) FROM policy_membership pf WHERE pf.host_id = h.id AND pf.passes = 0)';

export const HOST_ORDER: Readonly<Record<string, string>> = {
  hostname: 'h.hostname', display_name: 'h.hostname', computer_name: 'h.computer_name', id: 'h.id', created_at: 'h.created_at',
  updated_at: 'h.updated_at', seen_time: 'hst.seen_time', platform: 'h.platform', os_version: 'h.os_version',
  osquery_version: 'h.osquery_version', primary_ip: 'h.primary_ip', memory: 'h.memory', uptime: 'h.uptime',
  hardware_serial: 'h.hardware_serial', team_name: 't.name', gigs_disk_space_available: 'h.gigs_disk_space_available',
  issues: FAILING_POLICIES_SQL,
};
