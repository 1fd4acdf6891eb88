import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * File carves in S3-compatible storage (`s3.carves_*`). A carve begun while S3 is configured records its object
 * key and multipart upload id; its blocks are buffered in `carve_blocks` until they make a part S3 accepts (at
 * least 5 MiB, or the carve's last bytes), then uploaded as one part and emptied in MySQL, keeping their place in
 * the object (`data_offset`, `data_length`, `part_number`) so a block can be read back with a ranged GET.
 * `carve_object_parts` keeps each uploaded part's ETag for CompleteMultipartUpload. Carves begun without S3
 * keep their blocks in MySQL as before (the new columns stay NULL).
 */
export class CarveObjectStorage1767200000000 implements MigrationInterface {
  name = 'CarveObjectStorage1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE carve_metadata
      ADD COLUMN object_key VARCHAR(1024) NULL,
      ADD COLUMN upload_id VARCHAR(1024) NULL,
      ADD COLUMN parts_uploaded INT UNSIGNED NOT NULL DEFAULT 0,
      ADD COLUMN upload_completed TINYINT(1) NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE carve_blocks
      ADD COLUMN data_offset BIGINT UNSIGNED NULL,
      ADD COLUMN data_length INT UNSIGNED NULL,
      ADD COLUMN part_number INT UNSIGNED NULL`);
    await q.query(`CREATE TABLE carve_object_parts (
      metadata_id INT UNSIGNED NOT NULL,
      part_number INT UNSIGNED NOT NULL,
      etag VARCHAR(255) NOT NULL,
      size BIGINT UNSIGNED NOT NULL,
      PRIMARY KEY (metadata_id, part_number),
      CONSTRAINT fk_carve_object_parts_metadata FOREIGN KEY (metadata_id) REFERENCES carve_metadata (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE carve_object_parts');
    await q.query('ALTER TABLE carve_blocks DROP COLUMN data_offset, DROP COLUMN data_length, DROP COLUMN part_number');
    await q.query('ALTER TABLE carve_metadata DROP COLUMN object_key, DROP COLUMN upload_id, DROP COLUMN parts_uploaded, DROP COLUMN upload_completed');
  }
}
