import { request } from 'node:https';

/**
 * GET over HTTPS trusting `ca`; resolves with the status and body. With `freshConnection` the request opens its own
 * connection instead of reusing one of Node's global agent.
 */
export function httpsGet(url: string, ca: Buffer, freshConnection = false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca, ...(freshConnection ? { agent: false } : {}) }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    }).on('error', reject).end();
  });
}
