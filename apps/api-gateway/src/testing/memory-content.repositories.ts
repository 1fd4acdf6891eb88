import { scopeAllows } from '@fleet/domain';
import type {
  Label, LabelInput, LabelPatch, ListOptions, Page, Policy, PolicyFields, QueryFields, QueryPack, QueryReportRow, SavedQuery, TeamScope,
} from '@fleet/domain';
import type { LabelRepository, PolicyRepository, QueryRepository } from '@fleet/persistence';

/**
 * Labels, saved queries and policies in memory, for unit tests of the services above them. Each keeps its
 * MySQL repository's contract where a service relies on it: names unique per team, a team's delete touching
 * only its own rows, a report page of rows of hosts in scope. Lists ignore ordering.
 */

const page = <T>(items: T[], opts: ListOptions): Page<T> => {
  if (opts.perPage <= 0) return { items, hasNext: false, hasPrevious: false };
  const from = opts.page * opts.perPage;
  return { items: items.slice(from, from + opts.perPage), hasNext: items.length > from + opts.perPage, hasPrevious: opts.page > 0 };
};
const matches = (name: string, opts: ListOptions) => !opts.query || name.includes(opts.query);

export class MemoryLabels implements Pick<LabelRepository, 'list' | 'findById' | 'findByName' | 'findByNames' | 'create' | 'update' | 'setHosts' | 'delete' | 'hostIdsFor' | 'hostIdentifiers'> {
  readonly rows = new Map<number, Label>();
  readonly members = new Map<number, number[]>();
  /** Hosts that manual labels may name: identifier (hostname, uuid or serial) → id. */
  readonly hosts = new Map<string, number>();
  private next = 100;

  /** A built-in label, as the migrations seed them. */
  seedBuiltin(name: string): Label {
    const id = this.next++;
    const label: Label = { id, name, description: '', query: 'SELECT 1', platform: '', builtin: true, manual: false, hostCount: 0, createdAt: new Date(0), updatedAt: new Date(0) };
    this.rows.set(id, label);
    return label;
  }

  list(opts: ListOptions): Promise<Page<Label>> {
    return Promise.resolve(page([...this.rows.values()].map((l) => this.counted(l)), opts));
  }

  findById(id: number): Promise<Label | null> {
    const l = this.rows.get(id);
    return Promise.resolve(l ? this.counted(l) : null);
  }

  findByName(name: string): Promise<Label | null> {
    const l = [...this.rows.values()].find((x) => x.name === name);
    return Promise.resolve(l ? this.counted(l) : null);
  }

  findByNames(names: readonly string[]): Promise<Label[]> {
    return Promise.resolve([...this.rows.values()].filter((l) => names.includes(l.name)).map((l) => this.counted(l)));
  }

  create(input: LabelInput): Promise<number> {
    const id = this.next++;
    const { authorId: _author, ...fields } = input;
    this.rows.set(id, { ...fields, id, builtin: false, hostCount: 0, createdAt: new Date(0), updatedAt: new Date(0) });
    return Promise.resolve(id);
  }

  update(id: number, patch: LabelPatch): Promise<void> {
    const l = this.rows.get(id);
    if (l) this.rows.set(id, { ...l, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
    return Promise.resolve();
  }

  setHosts(id: number, hostIds: readonly number[]): Promise<void> {
    this.members.set(id, [...hostIds]);
    return Promise.resolve();
  }

  delete(id: number): Promise<void> {
    this.rows.delete(id);
    this.members.delete(id);
    return Promise.resolve();
  }

  hostIdsFor(identifiers: readonly string[]): Promise<number[]> {
    return Promise.resolve([...new Set(identifiers.flatMap((i) => this.hosts.get(i) ?? []))]);
  }

  hostIdentifiers(id: number): Promise<string[]> {
    const ids = this.members.get(id) ?? [];
    return Promise.resolve([...this.hosts].filter(([, h]) => ids.includes(h)).map(([name]) => name).sort());
  }

  private counted(l: Label): Label {
    return { ...l, hostCount: this.members.get(l.id)?.length ?? 0 };
  }
}

/** A stored result row of a saved query, with the host's team for scoping. */
export interface StoredResult extends QueryReportRow { readonly queryId: number; readonly hostTeamId: number | null }

export class MemoryQueries implements Pick<QueryRepository, 'list' | 'listScheduled' | 'findById' | 'findByName' | 'findMany' | 'create' | 'update' | 'deleteMany' | 'clearResults' | 'report' | 'reportSize' | 'packsOf'> {
  readonly rows = new Map<number, SavedQuery>();
  results: StoredResult[] = [];
  private next = 1;

  list(teamId: number | null, withGlobal: boolean, opts: ListOptions): Promise<Page<SavedQuery> & { count: number }> {
    const all = [...this.rows.values()].filter((q) => (q.teamId === teamId || (withGlobal && q.teamId === null)) && matches(q.name, opts));
    return Promise.resolve({ ...page(all, opts), count: all.length });
  }

  listScheduled(teamId: number | null, opts: ListOptions): Promise<Page<SavedQuery>> {
    return Promise.resolve(page([...this.rows.values()].filter((q) => q.teamId === teamId && q.interval > 0), opts));
  }

  findById(id: number): Promise<SavedQuery | null> {
    return Promise.resolve(this.rows.get(id) ?? null);
  }

  findByName(teamId: number | null, name: string): Promise<SavedQuery | null> {
    return Promise.resolve([...this.rows.values()].find((q) => q.teamId === teamId && q.name === name) ?? null);
  }

  findMany(ids: readonly number[]): Promise<SavedQuery[]> {
    return Promise.resolve([...this.rows.values()].filter((q) => ids.includes(q.id)));
  }

  create(teamId: number | null, authorId: number | null, f: QueryFields): Promise<number> {
    const id = this.next++;
    this.rows.set(id, { ...f, id, teamId, authorId, authorName: 'Ada', authorEmail: 'ada@example.com', createdAt: new Date(0), updatedAt: new Date(0) });
    return Promise.resolve(id);
  }

  update(id: number, patch: Partial<QueryFields>): Promise<void> {
    const q = this.rows.get(id);
    if (q) this.rows.set(id, { ...q, ...patch });
    return Promise.resolve();
  }

  deleteMany(ids: readonly number[]): Promise<number> {
    return Promise.resolve([...new Set(ids)].filter((id) => this.rows.delete(id)).length);
  }

  clearResults(id: number): Promise<void> {
    this.results = this.results.filter((r) => r.queryId !== id);
    return Promise.resolve();
  }

  report(id: number, scope: TeamScope, page: { readonly limit: number; readonly offset: number }): Promise<QueryReportRow[]> {
    return Promise.resolve(this.results.filter((r) => r.queryId === id && scopeAllows(scope, r.hostTeamId)).slice(page.offset, page.offset + page.limit));
  }

  reportSize(id: number): Promise<number> {
    return Promise.resolve(this.results.filter((r) => r.queryId === id).length);
  }

  packsOf(): Promise<QueryPack[]> {
    return Promise.resolve([]);
  }
}

export class MemoryPolicies implements Pick<PolicyRepository, 'list' | 'findById' | 'findByName' | 'create' | 'update' | 'clearResults' | 'deleteMany'> {
  readonly rows = new Map<number, Policy>();
  /** Ids whose stored results were forgotten, in order. */
  readonly cleared: number[] = [];
  private next = 1;

  list(teamId: number | null, opts: ListOptions): Promise<Page<Policy>> {
    return Promise.resolve(page([...this.rows.values()].filter((p) => p.teamId === teamId && matches(p.name, opts)), opts));
  }

  findById(id: number): Promise<Policy | null> {
    return Promise.resolve(this.rows.get(id) ?? null);
  }

  findByName(teamId: number | null, name: string): Promise<Policy | null> {
    return Promise.resolve([...this.rows.values()].find((p) => p.teamId === teamId && p.name === name) ?? null);
  }

  create(teamId: number | null, authorId: number | null, f: PolicyFields): Promise<number> {
    const id = this.next++;
    this.rows.set(id, { ...f, id, teamId, authorId, authorName: 'Ada', authorEmail: 'ada@example.com', passing: 0, failing: 0, createdAt: new Date(0), updatedAt: new Date(0) });
    return Promise.resolve(id);
  }

  update(id: number, patch: Partial<PolicyFields>): Promise<void> {
    const p = this.rows.get(id);
    if (p) this.rows.set(id, { ...p, ...patch });
    return Promise.resolve();
  }

  clearResults(id: number): Promise<void> {
    this.cleared.push(id);
    return Promise.resolve();
  }

  deleteMany(teamId: number | null, ids: readonly number[]): Promise<number> {
    const owned = [...new Set(ids)].filter((id) => this.rows.get(id)?.teamId === teamId);
    for (const id of owned) this.rows.delete(id);
    return Promise.resolve(owned.length);
  }
}

/** The repository types the services take; the memory classes implement the part they call. */
export const asLabelRepository = (m: MemoryLabels) => m as unknown as LabelRepository;
export const asQueryRepository = (m: MemoryQueries) => m as unknown as QueryRepository;
export const asPolicyRepository = (m: MemoryPolicies) => m as unknown as PolicyRepository;
