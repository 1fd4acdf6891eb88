import { createHash } from 'node:crypto';
import type { SoftwareItem } from '@fleet/domain';
import { softwareTitleOf } from '@fleet/domain';

const md5 = (text: string): Buffer => createHash('md5').update(text).digest();

/**
 * Identity of a software version (software.checksum): the columns that make it distinct, as
 * `softwareVersionIdentity` joins them, hashed to 16 bytes.
 */
export function versionIdentityChecksum(identity: string): Buffer {
  return md5(identity);
}

/** Identity of a software title (software_titles.title_key). */
export function softwareTitleKey(s: SoftwareItem): Buffer {
  return md5(softwareTitleOf(s).key);
}
