import type { AgentRow, DetailIngestResult, SoftwareItem } from '../host/host-vitals.types';
import type { DetailQueryName } from './detail-query.types';
import { num, ProblemLog, str } from './ingest-values';
import { softwareVersionIdentity } from '../software/software-title.rule';

const OPTIONAL_COLUMNS = ['vendor', 'release', 'arch', 'installed_path', 'bundle_identifier', 'extension_id', 'browser'] as const;

/**
 * Builds a full software inventory from the agent's rows. Rows without a name or source are skipped (Fleet
 * refuses them too); duplicates by a version's identity (name, version, source, bundle id, vendor, release,
 * arch, extension id, browser: the same package for two architectures is two versions) keep the first
 * occurrence. An empty row list is a valid, empty inventory.
 */
export function ingestSoftwareRows(query: DetailQueryName, rows: readonly AgentRow[]): DetailIngestResult {
  const log = new ProblemLog(query);
  const software: SoftwareItem[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const name = str(row, 'name');
    const source = str(row, 'source');
    if (name === undefined || source === undefined) {
      log.add('software row needs a name and a source', i);
      return;
    }
    const item: SoftwareItem = { name, version: str(row, 'version') ?? '', source };
    for (const column of OPTIONAL_COLUMNS) {
      const value = str(row, column);
      if (value !== undefined) item[column] = value;
    }
    const lastOpened = num(row, 'last_opened_time');
    if (lastOpened !== undefined && lastOpened > 0) item.last_opened_at = Math.floor(lastOpened);
    const key = softwareVersionIdentity(item);
    if (seen.has(key)) return;
    seen.add(key);
    software.push(item);
  });
  return { kind: 'software', software, problems: log.problems };
}
