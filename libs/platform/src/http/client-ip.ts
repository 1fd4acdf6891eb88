import { BlockList, isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  const trimmed = v?.trim();
  return trimmed ? trimmed : undefined;
}

const unmap = (ip: string): string => (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip);

/** Every address of the X-Forwarded-For headers (and the `for=` of Forwarded), in order, client first. */
function forwardedChain(headers: IncomingHttpHeaders): string[] {
  if (headers['x-forwarded-for'] === undefined && headers['forwarded'] === undefined) return [];
  const xff = [headers['x-forwarded-for']].flat().filter((v): v is string => typeof v === 'string').flatMap((v) => v.split(','));
  const fwd = [headers['forwarded']].flat().filter((v): v is string => typeof v === 'string').flatMap((v) => v.split(','))
    .map((part) => /for="?\[?([^\]";,]+)/i.exec(part)?.[1] ?? '');
  return [...xff, ...fwd].map((s) => unmap(s.trim())).filter((s) => isIP(s) !== 0);
}

/** Addresses whose trust verdict a resolver remembers before it starts again. */
const TRUST_VERDICTS_KEPT = 4096;

/** Resolves a request's client address from its socket address and headers. */
export type ClientIpResolver = (headers: IncomingHttpHeaders, socketAddress: string | undefined) => string;

/**
 * Fleet's `server.trusted_proxies` strategies (Fleet 4.80.1+):
 * - `none`: the socket address, headers ignored;
 * - a comma-separated list of addresses or CIDR ranges: forwarded headers count only when the request comes
 *   from one of them, and then the right-most X-Forwarded-For / Forwarded address that is not itself a
 *   trusted proxy is the client (a client cannot choose its own address by sending the header);
 * - a number N: the N-th X-Forwarded-For address from the right (N hops of proxies you run);
 * - `header:NAME`: the value of that header (a CDN's client header);
 * - empty: Fleet's legacy rule — True-Client-IP, then X-Real-IP, then the left-most X-Forwarded-For, from anyone.
 * Whatever cannot be determined falls back to the socket address. Throws on a malformed setting, at start-up.
 */
export function clientIpResolver(setting: string): ClientIpResolver {
  const s = setting.trim();
  if (s === '') return legacyClientIp;
  if (s.toLowerCase() === 'none') return (_h, socket) => unmap(socket ?? '');
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n < 1) throw new Error(`server.trusted_proxies: a hop count must be 1 or more (got ${s})`);
    return (headers, socket) => {
      const chain = forwardedChain(headers);
      return chain[chain.length - n] ?? unmap(socket ?? '');
    };
  }
  if (s.toLowerCase().startsWith('header:')) {
    const name = s.slice('header:'.length).trim().toLowerCase();
    if (!name) throw new Error('server.trusted_proxies: header: needs a header name');
    return (headers, socket) => {
      const v = first(headers[name]);
      return v && isIP(unmap(v)) ? unmap(v) : unmap(socket ?? '');
    };
  }
  const trusted = new BlockList();
  for (const entry of s.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address, bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`server.trusted_proxies: ${entry} is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) trusted.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`server.trusted_proxies: ${entry} has a bad prefix length`);
      trusted.addSubnet(address, prefix, type);
    }
  }
  // A BlockList check builds a SocketAddress per call; the peers a replica sees (its proxies, or agents on
  // keep-alive connections) repeat, so verdicts are remembered, within a bound since headers are the client's.
  const verdicts = new Map<string, boolean>();
  const isTrusted = (ip: string): boolean => {
    let verdict = verdicts.get(ip);
    if (verdict === undefined) {
      if (verdicts.size >= TRUST_VERDICTS_KEPT) verdicts.clear();
      verdict = trusted.check(ip, isIP(ip) === 4 ? 'ipv4' : 'ipv6');
      verdicts.set(ip, verdict);
    }
    return verdict;
  };
  return (headers, socket) => {
    const peer = unmap(socket ?? '');
    if (!peer || isIP(peer) === 0 || !isTrusted(peer)) return peer;
    const chain = forwardedChain(headers);
    for (let i = chain.length - 1; i >= 0; i--) if (!isTrusted(chain[i])) return chain[i];
    return chain[0] ?? peer;
  };
}

/**
 * Fleet's legacy rule (osquery-protocol.md §8.2): True-Client-IP, then X-Real-IP, then the first
 * X-Forwarded-For value, then the socket address. Anyone can set those headers; use it only behind a proxy
 * that overwrites them.
 */
export function legacyClientIp(headers: IncomingHttpHeaders, socketAddress: string | undefined): string {
  const forwarded = first(headers['x-forwarded-for'])?.split(',')[0]?.trim();
  const ip = first(headers['true-client-ip']) ?? first(headers['x-real-ip']) ?? (forwarded || undefined) ?? socketAddress ?? '';
  return unmap(ip);
}
