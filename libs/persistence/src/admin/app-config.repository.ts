import type { DataSource } from 'typeorm';
import type { AppConfigDocument } from '@fleet/domain';

/** The single app_config_json row: the organisation-wide settings document, stored as given. */
export class AppConfigRepository {
  constructor(private readonly ds: DataSource) {}

  async get(): Promise<AppConfigDocument> {
    const [row] = await this.ds.query<Array<{ json_value: unknown }>>('SELECT json_value FROM app_config_json WHERE id = 1');
    const v = row?.json_value;
    return (typeof v === 'string' ? JSON.parse(v) : v ?? {}) as AppConfigDocument;
  }

  async save(doc: AppConfigDocument): Promise<void> {
    await this.ds.query('INSERT INTO app_config_json (id, json_value) VALUES (1, ?) ON DUPLICATE KEY UPDATE json_value = VALUES(json_value)', [JSON.stringify(doc)]);
  }
}
