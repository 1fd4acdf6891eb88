import type { RoleName } from './roles';

export type Action =
  | 'host:read' | 'host:write' | 'host:transfer' | 'host:label'
  | 'label:read' | 'label:write'
  | 'query:read' | 'query:write' | 'query:run'
  | 'pack:read' | 'pack:write'
  | 'policy:read' | 'policy:write'
  | 'team:read' | 'team:create' | 'team:write' | 'team:secrets'
  | 'enroll_secret:read' | 'enroll_secret:write'
  | 'config:read' | 'config:read_secrets' | 'config:write'
  | 'user:read' | 'user:write'
  | 'activity:read' | 'software:read' | 'session:admin' | 'version:read' | 'status:read' | 'cron:trigger'
  | 'carve:read';

export interface Rule {
  /** Global roles allowed everywhere. */
  readonly global: readonly RoleName[];
  /** Team roles allowed on objects of that team. */
  readonly team: readonly RoleName[];
  /** Whether the team roles above may also act on global objects (team users read inherited global queries). */
  readonly teamOnGlobal?: boolean;
}

const ALL: readonly RoleName[] = ['admin', 'maintainer', 'observer', 'observer_plus', 'gitops'];
const READERS: readonly RoleName[] = ['admin', 'maintainer', 'observer', 'observer_plus'];
const WRITERS: readonly RoleName[] = ['admin', 'maintainer', 'gitops'];
const RUN_ANY: readonly RoleName[] = ['admin', 'maintainer', 'observer_plus'];

/**
 * Fleet's role matrix (fleet-admin-api.md §2), deny by default: an action absent from a rule is refused.
 * Where docs and rego disagree we follow the stricter reading and note it here:
 * - refetch needs only read (Fleet authorises it as a host read);
 * - labels are written by global roles only (rego of this version);
 * - activities are read by global roles except gitops.
 */
export const POLICY: Readonly<Record<Action, Rule>> = {
  'host:read': { global: READERS, team: READERS },
  'host:write': { global: ['admin', 'maintainer'], team: ['admin', 'maintainer'] },
  'host:transfer': { global: WRITERS, team: ['admin', 'maintainer'] },
  /** Add and remove a host's manual labels (policy.rego `write_host_label`): writers, also on their team's hosts. */
  'host:label': { global: WRITERS, team: WRITERS },
  'label:read': { global: READERS, team: READERS, teamOnGlobal: true },
  'label:write': { global: WRITERS, team: [] },
  'query:read': { global: ALL, team: ALL, teamOnGlobal: true },
  'query:write': { global: WRITERS, team: WRITERS },
  /**
   * Run any SQL as a live query, ad hoc or saved (policy.rego `run_new`); gitops may not. Observers may also run saved
   * queries marked `observer_can_run`, a rule on the query that the live-query service applies on top of this one.
   */
  'query:run': { global: RUN_ANY, team: RUN_ANY },
  'pack:read': { global: WRITERS, team: [] },
  'pack:write': { global: WRITERS, team: [] },
  'policy:read': { global: ALL, team: ALL, teamOnGlobal: true },
  'policy:write': { global: WRITERS, team: WRITERS },
  'team:read': { global: READERS, team: ALL },
  'team:create': { global: ['admin', 'gitops'], team: [] },
  'team:write': { global: ['admin', 'gitops'], team: ['admin', 'gitops'] },
  'team:secrets': { global: ['admin', 'maintainer'], team: ['admin', 'maintainer'] },
  'enroll_secret:read': { global: ['admin', 'maintainer'], team: [] },
  'enroll_secret:write': { global: WRITERS, team: [] },
  'config:read': { global: ALL, team: READERS, teamOnGlobal: true },
  'config:read_secrets': { global: ['admin'], team: [] },
  'config:write': { global: ['admin', 'gitops'], team: [] },
  'user:read': { global: READERS, team: ['admin'] },
  'user:write': { global: ['admin'], team: [] },
  'activity:read': { global: READERS, team: [] },
  'software:read': { global: READERS, team: READERS },
  'session:admin': { global: ['admin'], team: [] },
  'version:read': { global: ALL, team: ALL, teamOnGlobal: true },
  'status:read': { global: ALL, team: ALL, teamOnGlobal: true },
  'cron:trigger': { global: ['admin'], team: [] },
  /** File carves and their contents: global admins only (manage-access.md "Retrieve contents from file carving"). */
  'carve:read': { global: ['admin'], team: [] },
};
