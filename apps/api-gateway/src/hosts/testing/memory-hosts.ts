import type { AuthUser } from '@fleet/auth';
import { Caller } from '@fleet/auth';
import type { Host, HostFilters, HostLabel, HostPack, HostPolicy, HostSoftware, HostSummary, HostUser, ListOptions, Page, RoleName, TeamScope } from '@fleet/domain';
import { scopeAllows } from '@fleet/domain';
import { HostCacheStore, HostSummaryCacheStore } from '@fleet/messaging';
import { HostDetailRepository, HostRepository, HostSummaryRepository, TeamRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../../core/activity.recorder';

/**
 * In-memory stand-ins for the hosts context's unit tests: the real services run against them, so a test sees
 * what a service changed, recorded and refused without MySQL or Redis. Only the methods the services call are
 * implemented, and of the filters only `query` (hostname substring) and `teamId`; the SQL itself is covered by
 * hosts.int.spec.ts.
 */
const NO_DB = undefined as never;
const AT = new Date('2026-01-01T00:00:00Z');

/** A host with every field at its empty value, then `fields`. */
export function aHost(fields: Partial<Host> & { readonly id: number }): Host {
  return {
    teamId: null, teamName: null, uuid: `uuid-${fields.id}`, hostname: `host${fields.id}`, computerName: '', hardwareSerial: '', hardwareVendor: '',
    hardwareModel: '', hardwareVersion: '', platform: 'ubuntu', platformLike: '', osVersion: '', build: '', codeName: '', osqueryVersion: '',
    memory: 0, uptime: 0, cpuType: '', cpuSubtype: '', cpuBrand: '', cpuPhysicalCores: 0, cpuLogicalCores: 0, primaryIp: '', primaryMac: '',
    publicIp: '', gigsDiskSpaceAvailable: 0, percentDiskSpaceAvailable: 0, gigsTotalDiskSpace: 0, distributedInterval: 10, configTlsRefresh: 10,
    loggerTlsPeriod: 10, refetchRequested: false, detailUpdatedAt: AT, labelUpdatedAt: AT, policyUpdatedAt: AT, lastEnrolledAt: AT,
    createdAt: AT, updatedAt: AT, seenTime: AT, failingPolicies: 0, softwareUpdatedAt: null, ...fields,
  };
}

const matches = (h: Host, f: HostFilters): boolean =>
  (f.query === undefined || h.hostname.includes(f.query)) && (f.teamId === undefined || (f.teamId === 0 ? h.teamId === null : h.teamId === f.teamId));

export class MemoryHosts extends HostRepository {
  readonly rows = new Map<number, Host>();

  constructor(hosts: readonly Host[]) {
    super(NO_DB);
    for (const h of hosts) this.rows.set(h.id, h);
  }

  private visible(scope: TeamScope, f: HostFilters = {}): Host[] {
    return [...this.rows.values()].filter((h) => scopeAllows(scope, h.teamId) && matches(h, f)).sort((a, b) => a.id - b.id);
  }

  override list(scope: TeamScope, filters: HostFilters, _opts: ListOptions): Promise<Page<Host>> {
    return Promise.resolve({ items: this.visible(scope, filters), hasNext: false, hasPrevious: false });
  }

  override count(scope: TeamScope, filters: HostFilters): Promise<number> {
    return Promise.resolve(this.visible(scope, filters).length);
  }

  override ids(scope: TeamScope, filters: HostFilters): Promise<number[]> {
    return Promise.resolve(this.visible(scope, filters).map((h) => h.id));
  }

  override findById(scope: TeamScope, id: number): Promise<Host | null> {
    return Promise.resolve(this.visible(scope).find((h) => h.id === id) ?? null);
  }

  override findByIdentifier(scope: TeamScope, identifier: string): Promise<Host | null> {
    return Promise.resolve(this.visible(scope).find((h) => [h.hostname, h.uuid, h.hardwareSerial].includes(identifier)) ?? null);
  }

  override findMany(scope: TeamScope, ids: readonly number[]): Promise<Host[]> {
    return Promise.resolve(this.visible(scope).filter((h) => ids.includes(h.id)));
  }

  override deleteMany(ids: readonly number[]): Promise<void> {
    for (const id of ids) this.rows.delete(id);
    return Promise.resolve();
  }

  override requestRefetch(id: number): Promise<void> {
    const h = this.rows.get(id);
    if (h) this.rows.set(id, { ...h, refetchRequested: true });
    return Promise.resolve();
  }

  override transfer(ids: readonly number[], teamId: number | null): Promise<void> {
    for (const id of ids) {
      const h = this.rows.get(id);
      if (h) this.rows.set(id, { ...h, teamId, teamName: null });
    }
    return Promise.resolve();
  }
}

/** The same detail parts for every host; counts how often the software list was read. */
export class MemoryHostDetails extends HostDetailRepository {
  softwareReads = 0;

  constructor(private readonly parts: { labels?: HostLabel[]; policies?: HostPolicy[]; software?: HostSoftware[]; users?: HostUser[] } = {}) {
    super(NO_DB);
  }

  override labels(): Promise<HostLabel[]> {
    return Promise.resolve(this.parts.labels ?? []);
  }

  override policies(): Promise<HostPolicy[]> {
    return Promise.resolve(this.parts.policies ?? []);
  }

  override software(): Promise<HostSoftware[]> {
    this.softwareReads++;
    return Promise.resolve(this.parts.software ?? []);
  }

  override users(): Promise<HostUser[]> {
    return Promise.resolve(this.parts.users ?? []);
  }

  override packs(): Promise<HostPack[]> {
    return Promise.resolve([]);
  }
}

/** Teams by id, as `findById` needs them. */
export class MemoryTeamNames extends TeamRepository {
  constructor(private readonly names: ReadonlyMap<number, string>) {
    super(NO_DB);
  }

  override findById(id: number): Promise<never> {
    const name = this.names.get(id);
    return Promise.resolve((name === undefined ? null : { id, name }) as never);
  }
}

/** Every activity a service recorded, with its details. */
export class RecordedHostActivities extends ActivityRecorder {
  readonly entries: Array<{ type: string; details: Record<string, unknown> }> = [];

  constructor() {
    super(NO_DB);
  }

  override record(_caller: Caller | null, type: string, details: Record<string, unknown>): Promise<void> {
    this.entries.push({ type, details });
    return Promise.resolve();
  }
}

/** The host ids whose agent cache entry was dropped. */
export class RecordedHostCache extends HostCacheStore {
  readonly invalidated: number[] = [];

  constructor() {
    super(NO_DB, 1);
  }

  override invalidate(hostId: number): Promise<void> {
    this.invalidated.push(hostId);
    return Promise.resolve();
  }
}

/** Summaries computed per call, counted, from fixed numbers. */
export class CountingSummaries extends HostSummaryRepository {
  computed: Array<{ scope: TeamScope; teamId: number | undefined; platform: string | undefined; now: Date }> = [];

  constructor(private readonly summaryOf: (teamId: number | undefined) => HostSummary) {
    super(NO_DB);
  }

  override summary(scope: TeamScope, teamId: number | undefined, platform: string | undefined, now: Date): Promise<HostSummary> {
    this.computed.push({ scope, teamId, platform, now });
    return Promise.resolve(this.summaryOf(teamId));
  }
}

/** A summary cache in a map: the store's own freshness rules over a map instead of Redis (Redis's expiry is not modelled). */
export class MapSummaryCache extends HostSummaryCacheStore {
  readonly entries = new Map<string, string>();

  constructor() {
    super(NO_DB);
  }

  protected override read(id: string): Promise<string | null> {
    return Promise.resolve(this.entries.get(id) ?? null);
  }

  protected override write(id: string, text: string): Promise<void> {
    this.entries.set(id, text);
    return Promise.resolve();
  }
}

/** A signed-in caller: a global role, or roles on teams. */
export function callerWith(role: RoleName | { readonly teams: ReadonlyArray<{ readonly teamId: number; readonly role: RoleName }> }): Caller {
  const user: AuthUser = typeof role === 'string'
    ? { id: 1, name: 'u', email: 'u@example.com', globalRole: role, teams: [], apiOnly: false, forcePasswordReset: false }
    : { id: 1, name: 'u', email: 'u@example.com', globalRole: null, teams: role.teams, apiOnly: false, forcePasswordReset: false };
  return new Caller(user, 1, '127.0.0.1');
}
