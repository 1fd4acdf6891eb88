import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import { ensureDevCertificate } from '@fleet/platform';
import { createTestDatabase, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';

function handshake(port: number, ca: Buffer, options: { minVersion?: 'TLSv1' | 'TLSv1.2'; maxVersion: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'; ciphers?: string }): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca, ...options });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('TLS with the generated development certificate', () => {
  let db: TestDatabase;
  let app: TestApp;
  let ca: Buffer;
  let port: number;
  let certPaths: { certPath: string; keyPath: string };

  beforeAll(async () => {
    const cert = await ensureDevCertificate(mkdtempSync(join(tmpdir(), 'fleet-cert-')));
    certPaths = cert;
    ca = readFileSync(cert.certPath);
    db = await createTestDatabase('tls');
    app = await startTestApp(db.config, { roles: ['api'], tls: cert });
    port = Number(new URL(app.url).port);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('reuses a valid certificate instead of making a new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-cert-'));
    const first = await ensureDevCertificate(dir);
    const second = await ensureDevCertificate(dir);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(readFileSync(second.certPath, 'utf8')).toBe(readFileSync(first.certPath, 'utf8'));
  });

  it('completes a TLS 1.2 handshake with ECDHE-ECDSA-AES-GCM, verified against the certificate as CA', async () => {
    const socket = await handshake(port, ca, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384' });
    expect(socket.getProtocol()).toBe('TLSv1.2');
    expect(socket.getCipher().name).toMatch(/^ECDHE-ECDSA-AES(128|256)-GCM-SHA(256|384)$/);
    expect(socket.authorized).toBe(true);
    socket.destroy();
  });

  it('refuses a CBC-only client', async () => {
    await expect(handshake(port, ca, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA256' })).rejects.toThrow();
  });

  it('refuses TLS 1.1', async () => {
    await expect(handshake(port, ca, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' })).rejects.toThrow();
  });

  it('serves /healthz over HTTPS', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca }, () => {
        socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      });
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString()));
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1])));
      socket.on('error', reject);
    });
    expect(res).toBe(200);
  });

  it('closes a TLS connection that completes the handshake and then sends nothing', async () => {
    const quick = await startTestApp({ ...db.config, server: { ...db.config.server, first_request_timeout: 300 } }, { roles: ['api'], tls: { certPath: certPaths.certPath, keyPath: certPaths.keyPath } });
    try {
      const socket = await handshake(Number(new URL(quick.url).port), ca, { maxVersion: 'TLSv1.3' });
      const closed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 10_000);
        socket.once('close', () => { clearTimeout(timer); resolve(true); });
      });
      expect(closed).toBe(true);
      const served = await handshake(Number(new URL(quick.url).port), ca, { maxVersion: 'TLSv1.3' });
      served.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      const answer = await new Promise<string>((resolve) => { let text = ''; served.on('data', (d: Buffer) => (text += d.toString())); served.on('close', () => resolve(text)); });
      expect(answer).toMatch(/^HTTP\/1\.1 (200|500)/);
    } finally {
      await quick.close();
    }
  });
});
