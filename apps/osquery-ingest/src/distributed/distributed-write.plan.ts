import type { DistributedWriteRequest, HostWriteMessage } from '@fleet/contracts';
import { detailQueryByName, parseQueryName } from '@fleet/domain';
import type { AgentHost, HostUser, HostVitalsPatch, IngestProblem, SoftwareItem } from '@fleet/domain';
import type { HostCachePatch } from '@fleet/messaging';
import type { LiveQueryAnswer } from './live-query-answer';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What one distributed/write turns into; `planDistributedWrite` decides it without any I/O. */
export interface DistributedWritePlan {
  /** The host write to queue for MySQL; null when the agent reported nothing MySQL keeps. */
  readonly write: HostWriteMessage | null;
  /** Live-query answers, one per campaign the agent answered (failed ones included, carrying the error). */
  readonly answers: readonly LiveQueryAnswer[];
  /** Fields of the cached host the write changes, so the next read does not ask again before MySQL has them. */
  readonly cachePatch: HostCachePatch;
  /** What detail query rows could not be used, for the debug log. */
  readonly problems: readonly IngestProblem[];
}

/**
 * Protocol §5.6, per query name: live-query answers go to their campaigns (even when failed, so the user sees
 * the error); label and policy results become memberships (true/false, null = failed: keep what was known);
 * detail queries become vitals, software or users unless they failed (prior values are kept);
 * `fleet_no_policies_wildcard` only records that policies ran; additional and unknown names are ignored. A
 * refetch request is cleared by any write, as in Fleet.
 */
export function planDistributedWrite(host: AgentHost, req: DistributedWriteRequest, publicIp: string, atMs: number): DistributedWritePlan {
  const planner = new DistributedWritePlanner(host, req, publicIp, atMs);
  for (const [name, rows] of Object.entries(req.queries)) planner.add(name, rows);
  return planner.finish();
}

/**
 * planDistributedWrite one query at a time, so a caller can give the event loop back between queries: `add`
 * each entry of `req.queries` once, then `finish`.
 */
export class DistributedWritePlanner {
  private readonly write: Mutable<HostWriteMessage>;
  private readonly vitals: HostVitalsPatch = {};
  private software: SoftwareItem[] | undefined;
  private users: HostUser[] | undefined;
  private readonly labels: Record<string, boolean | null> = {};
  private readonly policies: Record<string, boolean | null> = {};
  private readonly answers: LiveQueryAnswer[] = [];
  private readonly problems: IngestProblem[] = [];

  constructor(private readonly host: AgentHost, private readonly req: DistributedWriteRequest, private readonly publicIp: string, atMs: number) {
    this.write = { hostId: host.id, at: atMs };
  }

  add(name: string, rows: DistributedWriteRequest['queries'][string]): void {
    const { req, host, write } = this;
    const failed = (req.statuses[name] ?? 0) !== 0;
    const parsed = parseQueryName(name);
    switch (parsed.kind) {
      case 'distributed': {
        const message = req.messages[name];
        this.answers.push({ campaignId: parsed.id, hostId: host.id, hostname: host.hostname, rows, error: failed ? message || 'query failed' : null, stats: req.stats[name] ?? {} });
        break;
      }
      case 'label':
        this.labels[parsed.id] = failed ? null : rows.length > 0;
        break;
      case 'policy':
        this.policies[parsed.id] = failed ? null : rows.length > 0;
        break;
      case 'no_policies_wildcard':
        write.policiesRan = true;
        break;
      case 'detail': {
        const query = detailQueryByName(parsed.key);
        if (failed || !query) break;
        const result = query.ingest(rows);
        this.problems.push(...result.problems);
        switch (result.kind) {
          case 'vitals':
            Object.assign(this.vitals, result.patch);
            write.detailUpdated = true;
            break;
          case 'software':
            this.software = [...result.software];
            break;
          case 'users':
            this.users = [...result.users];
            break;
        }
        break;
      }
      case 'additional':
      case 'unknown':
        break;
    }
  }

  finish(): DistributedWritePlan {
    const { write, vitals } = this;
    if (Object.keys(vitals).length > 0) write.vitals = vitals;
    if (this.software) write.software = this.software;
    if (this.users) write.users = this.users;
    if (Object.keys(this.labels).length > 0) Object.assign(write, { labels: this.labels, labelsRan: true });
    if (Object.keys(this.policies).length > 0) Object.assign(write, { policies: this.policies, policiesRan: true });
    if (this.host.refetchRequested) write.refetchCleared = true;
    if (this.publicIp) write.publicIp = this.publicIp;

    const hasData = write.detailUpdated || this.software || this.users || write.labelsRan || write.policiesRan || write.refetchCleared;
    return { write: hasData ? write : null, answers: this.answers, cachePatch: cachePatchOf(write, vitals), problems: this.problems };
  }
}

function cachePatchOf(write: HostWriteMessage, vitals: HostVitalsPatch): HostCachePatch {
  const fields: Mutable<HostCachePatch> = {};
  if (write.detailUpdated) fields.detailUpdatedAt = write.at;
  if (write.labelsRan) fields.labelUpdatedAt = write.at;
  if (write.policiesRan) fields.policyUpdatedAt = write.at;
  if (write.refetchCleared) fields.refetchRequested = false;
  if (vitals.platform) fields.platform = vitals.platform;
  if (vitals.hostname) fields.hostname = vitals.hostname;
  return fields;
}
