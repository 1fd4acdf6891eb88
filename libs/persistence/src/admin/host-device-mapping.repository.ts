import type { DataSource } from 'typeorm';
import { CUSTOM_DEVICE_MAPPING_SOURCE } from '@fleet/domain';
import type { HostDeviceMapping } from '@fleet/domain';

type Row = Record<string, unknown>;

/** A host's human-device mapping (`host_emails`). Rows go with their host (foreign key, on delete cascade). */
export class HostDeviceMappingRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every email of the host, by email then source. */
  async list(hostId: number): Promise<HostDeviceMapping[]> {
    const rows = await this.ds.query<Row[]>('SELECT email, source FROM host_emails WHERE host_id = ? ORDER BY email, source', [hostId]);
    return rows.map((r) => ({ email: String(r['email']), source: String(r['source']) }));
  }

  /** Sets the host's one `custom` email, replacing the previous one; other sources are left alone. */
  async setCustom(hostId: number, email: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM host_emails WHERE host_id = ? AND source = ?', [hostId, CUSTOM_DEVICE_MAPPING_SOURCE]);
      await m.query('INSERT INTO host_emails (host_id, email, source) VALUES (?, ?, ?)', [hostId, email, CUSTOM_DEVICE_MAPPING_SOURCE]);
    });
  }
}
