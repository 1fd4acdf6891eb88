import { webcrypto } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { configRoutes as r } from '@fleet/contracts';
import { ensureDevCertificate } from '@fleet/platform';
import { startAdminTestKit } from '../testing/admin-test-kit';
import type { AdminTestKit } from '../testing/admin-test-kit';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** A CA and a leaf for localhost signed by it, as PEM. */
async function caAndLeaf(): Promise<{ caPem: string; leafPem: string; keyPem: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const now = Date.now();
  const caKeys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'CN=Test CA', notBefore: new Date(now - 60_000), notAfter: new Date(now + 86_400_000), signingAlgorithm: ALG, keys: caKeys,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  const leafKeys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '02', subject: 'CN=localhost', issuer: ca.subject, notBefore: new Date(now - 60_000), notAfter: new Date(now + 86_400_000),
    signingAlgorithm: ALG, publicKey: leafKeys.publicKey, signingKey: caKeys.privateKey,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }])],
  });
  const keyPem = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', leafKeys.privateKey), 'PRIVATE KEY');
  return { caPem: ca.toString('pem'), leafPem: leaf.toString('pem'), keyPem };
}

const listen = (server: Server): Promise<number> => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const normalise = (pem: string): string => pem.replace(/\r/g, '').trim();

/** `GET /config/certificate` (fleet-admin-api.md §1.11): the chain presented at server_settings.server_url, base64 PEM. */
describe('GET /config/certificate (MariaDB + Redis)', () => {
  let kit: AdminTestKit;
  let token: string;
  const servers: Server[] = [];
  beforeAll(async () => {
    kit = await startAdminTestKit('certificate');
    token = (await kit.user({})).token;
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    await kit.close();
  });

  const serve = async (cert: string, key: string): Promise<number> => {
    const server = createServer({ cert, key }, (_req, res) => res.end('ok'));
    servers.push(server);
    return listen(server);
  };
  const setServerUrl = async (url: string) =>
    expect((await kit.api('PATCH', '/api/latest/fleet/config', { token, body: { server_settings: { server_url: url } } })).status).toBe(200);

  it('answers the self-signed certificate of the server at server_url, base64 PEM', async () => {
    const dev = await ensureDevCertificate(mkdtempSync(join(tmpdir(), 'fleet-cert-')));
    const port = await serve(readFileSync(dev.certPath, 'utf8'), readFileSync(dev.keyPath, 'utf8'));
    await setServerUrl(`https://localhost:${port}`);
    const res = await kit.call(r.certificate, {}, { token });
    if (!res.ok) throw new Error(`${res.status} ${res.text}`);
    expect(normalise(Buffer.from(res.body.certificate_chain, 'base64').toString('utf8'))).toBe(normalise(readFileSync(dev.certPath, 'utf8')));
  });

  it('leaves the leaf out of a longer chain, answering the issuer osqueryd needs', async () => {
    const { caPem, leafPem, keyPem } = await caAndLeaf();
    const port = await serve(`${leafPem}\n${caPem}\n`, keyPem);
    await setServerUrl(`https://localhost:${port}/`);
    const res = await kit.call(r.certificate, {}, { token });
    if (!res.ok) throw new Error(`${res.status} ${res.text}`);
    expect(normalise(Buffer.from(res.body.certificate_chain, 'base64').toString('utf8'))).toBe(normalise(caPem));
  });

  it('is 422 for a server_url that is not https, 500 when it does not answer, and readable by every role', async () => {
    await setServerUrl('http://fleet.example.com');
    const plain = await kit.call(r.certificate, {}, { token });
    if (plain.ok) throw new Error('expected a failure');
    expect(plain.status).toBe(422);
    expect(plain.body?.errors?.[0]?.name).toBe('server_url');
    await setServerUrl('https://127.0.0.1:1');
    expect((await kit.call(r.certificate, {}, { token })).status).toBe(500);
    const observer = await kit.user({ global_role: 'observer' });
    expect((await kit.call(r.certificate, {}, { token: observer.token })).status).toBe(500);
  });
});
