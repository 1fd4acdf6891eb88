import type { SoftwareItem } from '../host/host-vitals.types';

/**
 * What makes software the same title across versions (Fleet's software_titles): a macOS app is its bundle
 * identifier (its display name may change between versions), a browser extension its extension id and
 * browser, anything else its name, source and browser. `key` is the text hashed into the title's unique key.
 */
export interface SoftwareTitleIdentity {
  readonly name: string;
  readonly source: string;
  readonly browser: string;
  readonly bundleIdentifier: string;
  readonly extensionId: string;
  readonly key: string;
}

export function softwareTitleOf(s: Pick<SoftwareItem, 'name' | 'source' | 'browser' | 'bundle_identifier' | 'extension_id'>): SoftwareTitleIdentity {
  const browser = s.browser ?? '';
  const bundleIdentifier = s.bundle_identifier ?? '';
  const extensionId = s.extension_id ?? '';
  const who = bundleIdentifier ? `b\u0000${bundleIdentifier}` : extensionId ? `e\u0000${extensionId}` : `n\u0000${s.name}`;
  return { name: s.name, source: s.source, browser, bundleIdentifier, extensionId, key: [s.source, browser, who].join('\u0000') };
}

/**
 * The columns that make a software version distinct (the checksum's input): Fleet's identity plus the
 * package fields. Extension id and browser are appended only when set, so rows created before they were
 * part of the identity keep their checksum.
 */
export function softwareVersionIdentity(s: SoftwareItem): string {
  const base = [s.name, s.version, s.source, s.bundle_identifier ?? '', s.release ?? '', s.arch ?? '', s.vendor ?? ''];
  if (s.extension_id || s.browser) base.push(s.extension_id ?? '', s.browser ?? '');
  return base.join('\u0000');
}
