import type { DataSource } from 'typeorm';
import type { FleetConfig } from '@fleet/config';
import { carveObjectStore } from './carve-object-store';
import { MysqlCarveRepository } from './carve.repository';
import type { CarveRepository } from './carve.repository';
import { S3CarveRepository } from './s3-carve.repository';

/** Carve blocks in S3-compatible storage when `s3.carves_bucket` is set, else in MySQL (Fleet's default). */
export function carveRepositoryFor(ds: DataSource, config: FleetConfig): CarveRepository {
  const store = carveObjectStore(config);
  return store ? new S3CarveRepository(ds, store) : new MysqlCarveRepository(ds);
}
