import type { SoftwareItem } from '@fleet/domain';
import { MysqlAgentDataRepository, VulnerabilityCountsRepository } from '@fleet/persistence';
import type { DataSource } from '@fleet/persistence';

/**
 * Test data for the software and vulnerability routes, written the way production writes it: inventories
 * through the agent-data writer (so host counts and titles exist), CVE matches with their counts and
 * summaries refreshed by the vulnerabilities schedule's own repository.
 */
export async function installSoftware(ds: DataSource, hostId: number, software: SoftwareItem[]): Promise<void> {
  await new MysqlAgentDataRepository(ds).applyHostWrites([{ hostId, at: Date.now(), software }]);
}

export async function softwareIdOf(ds: DataSource, name: string, version: string): Promise<{ id: number; titleId: number }> {
  const [row] = await ds.query<Array<{ id: number; title_id: number }>>('SELECT id, title_id FROM software WHERE name = ? AND version = ?', [name, version]);
  if (!row) throw new Error(`no software ${name} ${version}`);
  return { id: Number(row.id), titleId: Number(row.title_id) };
}

export interface SeededCve {
  readonly cve: string;
  readonly cvssScore?: number;
  readonly epss?: number;
  readonly kev?: boolean;
  readonly published?: Date;
  readonly resolvedIn?: string;
}

/** Records a CVE as found on software versions (as a vulnerabilities run would) and refreshes its counts and summaries. */
export async function seedSoftwareCve(ds: DataSource, softwareIds: readonly number[], v: SeededCve): Promise<void> {
  await ds.query(`INSERT INTO cve_meta (cve, cvss_score, epss_probability, cisa_known_exploit, published, description) VALUES (?, ?, ?, ?, ?, ?)
    ON DUPLICATE KEY UPDATE cvss_score = VALUES(cvss_score)`, [v.cve, v.cvssScore ?? null, v.epss ?? null, v.kev ? 1 : 0, v.published ?? null, `${v.cve} description`]);
  for (const id of softwareIds) {
    await ds.query("INSERT IGNORE INTO software_cve (software_id, cve, source, resolved_in_version) VALUES (?, ?, 'nvd', ?)", [id, v.cve, v.resolvedIn ?? null]);
  }
  const counts = new VulnerabilityCountsRepository(ds);
  await counts.refreshCveCounts([v.cve]);
  await counts.refreshSummaries(softwareIds);
}
