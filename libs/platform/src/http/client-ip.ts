import type { IncomingHttpHeaders } from 'node:http';

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  const trimmed = v?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The client's address as Fleet's legacy rule has it (osquery-protocol.md §8.2): True-Client-IP, then
 * X-Real-IP, then the first X-Forwarded-For value, then the socket address.
 */
export function clientIp(headers: IncomingHttpHeaders, socketAddress: string | undefined): string {
  const forwarded = first(headers['x-forwarded-for'])?.split(',')[0]?.trim();
  const ip = first(headers['true-client-ip']) ?? first(headers['x-real-ip']) ?? (forwarded || undefined) ?? socketAddress ?? '';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
