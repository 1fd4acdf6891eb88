import type { AuthUser } from '@fleet/auth';
import { Caller } from '@fleet/auth';
import type { ListOptions, Pack, PackFields, PackTargetNames, PackTargets, Page, RoleName, ScheduledQuery, ScheduledQueryFields } from '@fleet/domain';
import { HostCacheStore } from '@fleet/messaging';
import { LabelRepository, PackRepository, QueryRepository, ScheduledQueryRepository, TeamRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../../core/activity.recorder';

/**
 * In-memory stand-ins for the packs context's unit tests: the real services run against them, so a test sees
 * what a service wrote and which errors it raised without MySQL or Redis. Only the methods the services call
 * are implemented; the MySQL queries themselves are covered by packs.int.spec.ts.
 */
const AT = new Date('2026-01-01T00:00:00Z');
const NO_DB = undefined as never;

export class MemoryPacks extends PackRepository {
  readonly rows = new Map<number, Pack>();
  private next = 1;

  constructor() {
    super(NO_DB);
  }

  override async list(_opts: ListOptions): Promise<Page<Pack>> {
    return { items: await this.all(), hasNext: false, hasPrevious: false };
  }

  override findById(id: number): Promise<Pack | null> {
    return Promise.resolve(this.rows.get(id) ?? null);
  }

  override findByName(name: string): Promise<Pack | null> {
    return Promise.resolve([...this.rows.values()].find((p) => p.name === name) ?? null);
  }

  override all(): Promise<Pack[]> {
    return Promise.resolve([...this.rows.values()].sort((a, b) => a.name.localeCompare(b.name)));
  }

  override create(f: PackFields, targets: PackTargets): Promise<number> {
    const id = this.next++;
    this.rows.set(id, { ...f, ...targets, id, createdAt: AT, updatedAt: AT, queryCount: 0, totalHostsCount: 0 });
    return Promise.resolve(id);
  }

  override update(id: number, patch: Partial<PackFields>, targets: Partial<PackTargets>): Promise<void> {
    const p = this.rows.get(id);
    if (p) this.rows.set(id, { ...p, ...patch, ...targets });
    return Promise.resolve();
  }

  override delete(id: number): Promise<void> {
    this.rows.delete(id);
    return Promise.resolve();
  }

  override targetNames(): Promise<Map<number, PackTargetNames>> {
    return Promise.resolve(new Map<number, PackTargetNames>());
  }
}

export class MemoryScheduledQueries extends ScheduledQueryRepository {
  readonly rows = new Map<number, ScheduledQuery>();
  private next = 1;

  constructor(private readonly queryNames: ReadonlyMap<number, string>) {
    super(NO_DB);
  }

  override ofPack(packId: number): Promise<ScheduledQuery[]> {
    return Promise.resolve([...this.rows.values()].filter((s) => s.packId === packId));
  }

  override findById(id: number): Promise<ScheduledQuery | null> {
    return Promise.resolve(this.rows.get(id) ?? null);
  }

  override create(packId: number, f: ScheduledQueryFields): Promise<number> {
    const id = this.next++;
    this.rows.set(id, { ...f, id, packId, queryName: this.queryNames.get(f.queryId) ?? '', query: 'SELECT 1', createdAt: AT, updatedAt: AT });
    return Promise.resolve(id);
  }

  override update(id: number, patch: Partial<ScheduledQueryFields>): Promise<void> {
    const s = this.rows.get(id);
    if (s) this.rows.set(id, { ...s, ...patch });
    return Promise.resolve();
  }

  override delete(id: number): Promise<void> {
    this.rows.delete(id);
    return Promise.resolve();
  }

  override async replaceForPack(packId: number, entries: readonly ScheduledQueryFields[]): Promise<void> {
    for (const s of await this.ofPack(packId)) this.rows.delete(s.id);
    for (const e of entries) await this.create(packId, e);
  }
}

/** Global saved queries by id and name; the services read only ids and names. */
export class MemoryQueries extends QueryRepository {
  constructor(private readonly names: ReadonlyMap<number, string>) {
    super(NO_DB);
  }

  override findById(id: number): Promise<never> {
    const name = this.names.get(id);
    return Promise.resolve((name === undefined ? null : { id, name }) as never);
  }

  override findByName(teamId: number | null, name: string): Promise<never> {
    const hit = teamId === null ? [...this.names].find(([, n]) => n === name) : undefined;
    return Promise.resolve((hit ? { id: hit[0], name } : null) as never);
  }
}

/** Labels and teams by name, for pack specs; the services read only ids and names. */
export class MemoryLabels extends LabelRepository {
  constructor(private readonly names: readonly string[]) {
    super(NO_DB);
  }

  override findByNames(names: readonly string[]): Promise<never> {
    return Promise.resolve(this.names.map((n, i) => ({ id: i + 1, name: n })).filter((l) => names.includes(l.name)) as never);
  }
}

export class MemoryTeams extends TeamRepository {
  constructor(private readonly names: readonly string[]) {
    super(NO_DB);
  }

  override findByName(name: string): Promise<never> {
    const i = this.names.indexOf(name);
    return Promise.resolve((i < 0 ? null : { id: 100 + i, name }) as never);
  }
}

/** The activities a service recorded, in order. */
export class RecordedActivities extends ActivityRecorder {
  readonly types: string[] = [];

  constructor() {
    super(NO_DB);
  }

  override record(_caller: Caller | null, type: string): Promise<void> {
    this.types.push(type);
    return Promise.resolve();
  }
}

/** Counts agent-config version bumps. */
export class CountingHostCache extends HostCacheStore {
  bumps = 0;

  constructor() {
    super(NO_DB, 1);
  }

  override bumpConfigVersion(): Promise<void> {
    this.bumps++;
    return Promise.resolve();
  }
}

/** A signed-in caller with a global role. */
export function callerWith(globalRole: RoleName): Caller {
  const user: AuthUser = { id: 1, name: 'u', email: 'u@example.com', globalRole, teams: [], apiOnly: false, forcePasswordReset: false };
  return new Caller(user, 1, '127.0.0.1');
}
