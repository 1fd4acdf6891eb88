import { createHash } from 'node:crypto';
import type { SoftwareItem } from '@fleet/domain';
import { softwareTitleOf, softwareVersionIdentity } from '@fleet/domain';

const md5 = (text: string): Buffer => createHash('md5').update(text).digest();

/** Identity of a software version: the columns that make it distinct, hashed to 16 bytes (software.checksum). */
export function softwareChecksum(s: SoftwareItem): Buffer {
  return md5(softwareVersionIdentity(s));
}

/** Identity of a software title (software_titles.title_key). */
export function softwareTitleKey(s: SoftwareItem): Buffer {
  return md5(softwareTitleOf(s).key);
}
