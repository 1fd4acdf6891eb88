import type { EntityManager } from 'typeorm';
import type { SoftwareItem } from '@fleet/domain';
import { softwareChecksum } from './software-checksum';

const cut = (s: string | undefined, n: number): string => (s ?? '').slice(0, n);

/**
 * Replaces hosts' software sets. Software titles are shared rows keyed by checksum; their ids are cached in
 * the process (they never change once created), so a steady fleet reporting the same software costs one
 * DELETE and one multi-row INSERT per batch.
 */
export function softwareSetWriter(): { write(tx: EntityManager, sets: ReadonlyArray<readonly [number, readonly SoftwareItem[]]>): Promise<void> } {
  const idByChecksum = new Map<string, number>();

  async function resolveIds(tx: EntityManager, items: Map<string, SoftwareItem>): Promise<void> {
    const missing = [...items.keys()].filter((k) => !idByChecksum.has(k));
    for (let i = 0; i < missing.length; i += 500) {
      const chunk = missing.slice(i, i + 500);
      const rows = chunk.map((k) => {
        const s = items.get(k) as SoftwareItem;
        return [cut(s.name, 255), cut(s.version, 255), cut(s.source, 64), cut(s.vendor, 255), cut(s.release, 64), cut(s.arch, 32), cut(s.bundle_identifier, 255), Buffer.from(k, 'hex')];
      });
      await tx.query('INSERT IGNORE INTO software (name, version, source, vendor, `release`, arch, bundle_identifier, checksum) VALUES ?', [rows]);
      const found = await tx.query<Array<{ id: number; checksum: Buffer }>>('SELECT id, checksum FROM software WHERE checksum IN (?)', [chunk.map((k) => Buffer.from(k, 'hex'))]);
      for (const r of found) idByChecksum.set(Buffer.from(r.checksum).toString('hex'), Number(r.id));
    }
  }

  return {
    async write(tx, sets) {
      if (sets.length === 0) return;
      const items = new Map<string, SoftwareItem>();
      const perHost = sets.map(([hostId, software]) => {
        const keys = new Map<string, number | null>();
        for (const s of software) {
          const k = softwareChecksum(s).toString('hex');
          items.set(k, s);
          keys.set(k, s.last_opened_at ?? null);
        }
        return [hostId, keys] as const;
      });
      await resolveIds(tx, items);
      await tx.query('DELETE FROM host_software WHERE host_id IN (?)', [sets.map(([hostId]) => hostId)]);
      const rows: unknown[][] = [];
      for (const [hostId, keys] of perHost) {
        for (const [k, opened] of keys) {
          const id = idByChecksum.get(k);
          if (id !== undefined) rows.push([hostId, id, opened === null ? null : new Date(opened * 1000)]);
        }
      }
      for (let i = 0; i < rows.length; i += 2000) {
        await tx.query('INSERT IGNORE INTO host_software (host_id, software_id, last_opened_at) VALUES ?', [rows.slice(i, i + 2000)]);
      }
    },
  };
}
