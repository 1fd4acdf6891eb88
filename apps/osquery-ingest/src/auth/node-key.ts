import type { DirectRequest } from '@fleet/platform';

/**
 * The node key of an agent request: `Authorization: NodeKey <key>` (osquery ≥ 5.23, protocol §9.2) or the
 * body's `node_key`. The header wins; the body is read only when body authentication is allowed.
 */
export function nodeKeyOf(req: DirectRequest, body: unknown, allowBody: boolean): string {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const m = /^NodeKey\s+(\S+)\s*$/i.exec(header);
    if (m?.[1]) return m[1];
  }
  if (!allowBody || body === null || typeof body !== 'object') return '';
  const key = (body as Record<string, unknown>)['node_key'];
  return typeof key === 'string' ? key : '';
}
