/** A candidate address from the interface(s) carrying the default route. */
export interface InterfaceCandidate {
  readonly address: string;
  readonly mac?: string;
  /** Route metric; lower wins. Absent = least preferred. */
  readonly metric?: number;
}

export interface PrimaryInterface {
  readonly ip: string;
  /** Lower-case, colon separated; undefined when the agent reported none or a malformed one. */
  readonly mac: string | undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const MAC = /^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i;

export function ipVersion(address: string): 4 | 6 | null {
  if (IPV4.test(address)) return 4;
  const bare = address.split('%')[0] ?? '';
  if (!bare.includes(':') || !/^[0-9a-f:.]+$/i.test(bare)) return null;
  const doubleColons = bare.split('::').length - 1;
  if (doubleColons > 1) return null;
  const groups = bare.split(':').filter((g) => g !== '');
  if (groups.some((g) => g.length > 4 && !IPV4.test(g))) return null;
  return doubleColons === 1 ? (groups.length < 8 ? 6 : null) : groups.length === 8 ? 6 : null;
}

/** RFC 1918 IPv4 and RFC 4193 unique-local IPv6: the addresses Fleet's query selects. */
export function isPrivateAddress(address: string): boolean {
  const v = ipVersion(address);
  if (v === 4) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  return v === 6 && /^f[cd][0-9a-f]{2}:/i.test(address);
}

/** Loopback, link-local, unspecified and multicast addresses never identify a host on the network. */
function isUsable(address: string): boolean {
  const v = ipVersion(address);
  if (v === 4) return !/^(127\.|169\.254\.|0\.|22[4-9]\.|23\d\.)/.test(address);
  if (v === 6) {
    const lower = address.toLowerCase();
    return lower !== '::' && lower !== '::1' && !/^fe[89ab][0-9a-f]:/.test(lower) && !lower.startsWith('ff');
  }
  return false;
}

export function normalizeMac(mac: string | undefined): string | undefined {
  const trimmed = mac?.trim();
  if (!trimmed || !MAC.test(trimmed)) return undefined;
  const normalized = trimmed.toLowerCase().replace(/-/g, ':');
  return normalized === '00:00:00:00:00:00' ? undefined : normalized;
}

/**
 * Picks the host's primary IP/MAC from default-route interface candidates, following Fleet: private
 * addresses first, then lowest route metric, then IPv4 before IPv6. Unlike Fleet (which reports nothing when
 * no private address exists) a public address is used as a last resort so cloud hosts still get one.
 * Invalid, loopback and link-local addresses are ignored. Returns null when nothing usable remains.
 */
export function selectPrimaryInterface(candidates: readonly InterfaceCandidate[]): PrimaryInterface | null {
  const usable = candidates
    .map((c, index) => ({ ...c, address: c.address.trim(), index }))
    .filter((c) => isUsable(c.address));
  usable.sort(
    (x, y) =>
      Number(isPrivateAddress(y.address)) - Number(isPrivateAddress(x.address)) ||
      (x.metric ?? Number.MAX_SAFE_INTEGER) - (y.metric ?? Number.MAX_SAFE_INTEGER) ||
      (ipVersion(x.address) ?? 6) - (ipVersion(y.address) ?? 6) ||
      x.index - y.index,
  );
  const best = usable[0];
  return best ? { ip: best.address, mac: normalizeMac(best.mac) } : null;
}
