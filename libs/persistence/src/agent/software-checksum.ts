import { createHash } from 'node:crypto';
import type { SoftwareItem } from '@fleet/domain';

/** Identity of a software title+version: the columns that make it distinct, hashed to 16 bytes. */
export function softwareChecksum(s: SoftwareItem): Buffer {
  return createHash('md5')
    .update([s.name, s.version, s.source, s.bundle_identifier ?? '', s.release ?? '', s.arch ?? '', s.vendor ?? ''].join('\u0000'))
    .digest();
}
