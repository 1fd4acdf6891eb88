import type { AuthUser } from '@fleet/auth';
import { Caller } from '@fleet/auth';
import type { FleetConfig } from '@fleet/config';
import type {
  Campaign, CampaignEndStatus, CampaignOutcome, NewCampaign, ResolvedTargets, RoleName, RunnableQuery, TargetHost, TargetSelection, TeamScope,
} from '@fleet/domain';
import { scopeAllows } from '@fleet/domain';
import { CampaignResultsFeed, CampaignStore } from '@fleet/messaging';
import type { CampaignEndReason, CampaignLaunch, CampaignMeta, CampaignStreamEntry, FeedOptions, FollowOutcome } from '@fleet/messaging';
import { AppConfigRepository, CampaignRepository, LiveQueryTargetRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../../core/activity.recorder';

/**
 * In-memory stand-ins for the live-query context's unit tests: the real services run against them, so a test
 * sees the campaign rows, Redis launches and activities a service wrote without MySQL or Redis. Only the
 * methods the services call are implemented; the SQL and Lua are covered by the integration tests.
 */
const NO_DB = undefined as never;

export class MemoryCampaigns extends CampaignRepository {
  readonly rows = new Map<number, Campaign>();
  readonly queries = new Map<number, RunnableQuery>();
  private next = 1;

  constructor(private readonly at: () => Date) {
    super(NO_DB);
  }

  override create(c: NewCampaign): Promise<Campaign> {
    const id = this.next++;
    const row: Campaign = { ...c, id, status: 'waiting', responded: 0, failed: 0, rows: 0, createdAt: this.at(), updatedAt: this.at(), finishedAt: null, waitUntil: c.waitUntil ?? null, logResults: c.logResults ?? false };
    this.rows.set(id, row);
    return Promise.resolve(row);
  }

  override findById(id: number): Promise<Campaign | null> {
    return Promise.resolve(this.rows.get(id) ?? null);
  }

  override markRunning(id: number): Promise<void> {
    const c = this.rows.get(id);
    if (c?.status === 'waiting') this.rows.set(id, { ...c, status: 'running' });
    return Promise.resolve();
  }

  override finish(id: number, status: CampaignEndStatus, outcome: CampaignOutcome): Promise<boolean> {
    const c = this.rows.get(id);
    if (!c || c.finishedAt) return Promise.resolve(false);
    this.rows.set(id, { ...c, ...outcome, status, finishedAt: this.at() });
    return Promise.resolve(true);
  }

  override findRunnableQuery(id: number): Promise<RunnableQuery | null> {
    return Promise.resolve(this.queries.get(id) ?? null);
  }
}

/** Hosts with a team and a status; labels by name with their members. Selection semantics as the repository's. */
export class MemoryTargets extends LiveQueryTargetRepository {
  readonly hosts: TargetHost[] = [];
  readonly labels = new Map<string, { id: number; hostIds: number[] }>();

  constructor() {
    super(NO_DB);
  }

  override resolve(scope: TeamScope, sel: TargetSelection): Promise<ResolvedTargets> {
    const inLabels = (h: TargetHost) => [...this.labels.values()].some((l) => sel.labelIds.includes(l.id) && l.hostIds.includes(h.id));
    const inTeams = (h: TargetHost) => sel.teamIds.includes(h.teamId ?? 0);
    const grouped = (h: TargetHost) => (sel.labelIds.length > 0 || sel.teamIds.length > 0)
      && (sel.labelIds.length === 0 || inLabels(h)) && (sel.teamIds.length === 0 || inTeams(h));
    const hosts = this.hosts.filter((h) => (sel.hostIds.includes(h.id) || grouped(h)) && (scope.kind === 'all' || scopeAllows(scope, h.teamId)));
    const count = (s: TargetHost['status']) => hosts.filter((h) => h.status === s).length;
    return Promise.resolve({ hosts, online: count('online'), offline: count('offline'), missing: count('missing') });
  }

  override teamsOfHosts(ids: readonly number[]): Promise<Map<number, number | null>> {
    return Promise.resolve(new Map(this.hosts.filter((h) => ids.includes(h.id)).map((h) => [h.id, h.teamId])));
  }

  override hostIdsByIdentifiers(identifiers: readonly string[]): Promise<number[]> {
    return Promise.resolve(this.hosts.filter((h) => identifiers.includes(h.hostname)).map((h) => h.id));
  }

  override labelIdsByNames(names: readonly string[]): Promise<Map<string, number>> {
    return Promise.resolve(new Map([...this.labels].filter(([n]) => names.includes(n)).map(([n, l]): [string, number] => [n, l.id])));
  }
}

/** The campaigns launched into "Redis", and which ended how. */
export class MemoryCampaignStore extends CampaignStore {
  readonly launched: CampaignLaunch[] = [];
  readonly ended = new Map<number, CampaignEndReason>();

  constructor() {
    super(NO_DB);
  }

  override launch(c: CampaignLaunch): Promise<void> {
    this.launched.push(c);
    return Promise.resolve();
  }

  override end(id: number, reason: CampaignEndReason): Promise<boolean> {
    if (this.ended.has(id) || !this.launched.some((c) => c.id === id)) return Promise.resolve(false);
    this.ended.set(id, reason);
    return Promise.resolve(true);
  }

  override meta(id: number): Promise<CampaignMeta | null> {
    const c = this.launched.find((x) => x.id === id);
    if (!c) return Promise.resolve(null);
    return Promise.resolve({
      userId: c.userId, ...c.totals, createdAtMs: c.createdAtMs, responded: 1, failed: 0, rows: 2, cursor: '0-0', firstAtMs: null, lastAtMs: null,
      ended: this.ended.get(id) ?? null, waitUntilMs: c.waitUntilMs ?? null,
    });
  }
}

/**
 * A results stream held in memory: `follow` delivers the entries after `afterId` and then, like XREAD BLOCK on an
 * idle stream, waits: each empty poll calls `onIdle` (a test advances its clock there) until the reader closes.
 */
export class MemoryResultsFeed extends CampaignResultsFeed {
  readonly entries = new Map<number, CampaignStreamEntry[]>();
  reachable = true;

  constructor(private readonly onIdle: (blockMs: number) => void = () => undefined) {
    super(NO_DB, () => NO_DB);
  }

  override ping(): Promise<void> {
    return this.reachable ? Promise.resolve() : Promise.reject(new Error('connection refused'));
  }

  override async follow(campaignId: number, opts: FeedOptions): Promise<FollowOutcome> {
    const all = this.entries.get(campaignId) ?? [];
    let i = opts.afterId === '0-0' ? 0 : all.findIndex((e) => e.id === opts.afterId) + 1;
    while (!opts.isClosed()) {
      if (i >= all.length) {
        this.onIdle(opts.blockMs);
        continue;
      }
      await opts.onEntry(all[i++]);
    }
    return 'closed';
  }
}

/** The organisation's settings with the live-query switch. */
export class MemoryAppConfig extends AppConfigRepository {
  liveQueryDisabled = false;

  constructor() {
    super(NO_DB);
  }

  override get(): Promise<Record<string, unknown>> {
    return Promise.resolve({ server_settings: { live_query_disabled: this.liveQueryDisabled } });
  }
}

/** The activities a service recorded, in order, with their details. */
export class RecordedActivities extends ActivityRecorder {
  readonly recorded: Array<{ type: string; details: Record<string, unknown> }> = [];

  constructor() {
    super(NO_DB);
  }

  override record(_caller: Caller | null, type: string, details: Record<string, unknown>): Promise<void> {
    this.recorded.push({ type, details });
    return Promise.resolve();
  }
}

/** What the live-query services read from the configuration. */
export const TEST_CONFIG = { live_query: { result_retention: 60_000 }, env: { liveQueryRestPeriod: '10s' } } as unknown as FleetConfig;

let nextUser = 1;

/** A signed-in caller: a global role, or team roles (`{ [teamId]: role }`). */
export function callerWith(role: RoleName | Readonly<Record<number, RoleName>>): Caller {
  const global = typeof role === 'string';
  const user: AuthUser = {
    id: nextUser++, name: 'u', email: 'u@example.com', globalRole: global ? role : null, apiOnly: false, forcePasswordReset: false,
    teams: global ? [] : Object.entries(role).map(([teamId, r]) => ({ teamId: Number(teamId), role: r })),
  };
  return new Caller(user, 1, '127.0.0.1');
}
