import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Controller, Get, Module } from '@nestjs/common';
import { createTestDatabase, startTestApp } from '@fleet/testing';
import type { TestApp, TestDatabase } from '@fleet/testing';
import { AssetCache } from './web-ui.assets';
import { WEB_UI_FILES, WebUiController } from './web-ui.controller';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-1a2b.js"></script><link rel="icon" href="/favicon.svg"></head><body></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

/** A built UI in a temporary folder, with the precompressed variants the build writes. */
function builtUi(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-ui-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'app-1a2b.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'assets', 'app-1a2b.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'assets', 'plain-9f.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(dir, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
  return dir;
}

/** Stands for the admin API: a real route under /api that must win over the UI's catch-all. */
@Controller()
class VersionStub {
  @Get('api/latest/fleet/version')
  version() {
    return { version: 'stub' };
  }
}

const addUser = (db: TestDatabase, email: string) => db.dataSource.query(
  `INSERT INTO users (name, email, password_hash, global_role, api_only, force_password_reset, sso_enabled, mfa_enabled)
   VALUES ('Admin', ?, 'x', 'admin', 0, 0, 0, 0)`, [email]);

/** A gateway serving a built UI; with `setUp` (the default) a user exists, so no page redirects to /setup. */
async function start(label: string, flags: Record<string, string> = {}, setUp = true): Promise<{ app: TestApp; db: TestDatabase }> {
  const db = await createTestDatabase(label, flags);
  if (setUp) await addUser(db, 'admin@example.com');
  @Module({ controllers: [VersionStub, WebUiController], providers: [{ provide: WEB_UI_FILES, useValue: new AssetCache(builtUi()) }] })
  class UiTestModule {}
  const app = await startTestApp(db.config, { roles: ['api'], modules: [UiTestModule] });
  return { app, db };
}

describe('web UI serving (gateway, MariaDB + Redis)', () => {
  let app: TestApp;
  let db: TestDatabase;
  beforeAll(async () => ({ app, db } = await start('web_ui')));
  afterAll(async () => { await app.close(); await db.dataSource.destroy(); });

  it('answers index.html, uncached, for every page path, so the browser router shows it', async () => {
    for (const path of ['/', '/dashboard', '/settings', '/labels', '/hosts/manage', '/hosts/12/software', '/queries/new?x=1']) {
      const res = await fetch(`${app.url}${path}`);
      expect([path, res.status, res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual([path, 200, 'text/html; charset=utf-8', 'no-cache']);
      expect(await res.text()).toContain('src="/assets/app-1a2b.js"');
    }
  });

  it('keeps the JSON 404 of an unknown API or agent path and lets real API routes answer', async () => {
    for (const path of ['/api/latest/fleet/nope', '/api', '/assets/missing/deeper']) {
      const res = await fetch(`${app.url}${path}`);
      expect([path, res.status, await res.json()]).toEqual([path, 404, { message: `Cannot GET ${path}`, errors: [{ name: 'base', reason: `Cannot GET ${path}` }] }]);
    }
    const agent = await fetch(`${app.url}/api/osquery/nope`);
    expect([agent.status, await agent.json()]).toEqual([404, { error: 'Cannot GET /api/osquery/nope', node_invalid: false }]);
    expect(await (await fetch(`${app.url}/api/latest/fleet/version`)).json()).toEqual({ version: 'stub' });
    expect((await fetch(`${app.url}/api/latest/fleet/nope`, { method: 'POST' })).status).toBe(404);
  });

  it('sends the precompressed asset the browser accepts, cached for a year, and the plain one otherwise', async () => {
    const url = `${app.url}/assets/app-1a2b.js`;
    const br = await fetch(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect([br.headers.get('content-encoding'), br.headers.get('vary'), br.headers.get('cache-control'), br.headers.get('content-type')])
      .toEqual(['br', 'accept-encoding', 'public, max-age=31536000, immutable', 'text/javascript; charset=utf-8']);
    // fetch decodes what it announced; the raw bytes are checked through node:zlib below
    expect(await br.text()).toBe(SCRIPT);
    const raw = async (acceptEncoding: string) => {
      const { request } = await import('node:http');
      return new Promise<{ encoding: string | undefined; body: Buffer }>((done, fail) => {
        request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', fail).end();
      });
    };
    const b = await raw('br;q=1, gzip;q=0.5');
    expect([b.encoding, brotliDecompressSync(b.body).toString()]).toEqual(['br', SCRIPT]);
    const g = await raw('gzip');
    expect([g.encoding, gunzipSync(g.body).toString()]).toEqual(['gzip', SCRIPT]);
    const p = await raw('br;q=0, identity');
    expect([p.encoding, p.body.toString()]).toEqual([undefined, SCRIPT]);
  });

  it('serves the favicon, answers 404 for unknown or unsafe asset names and never leaves the folder', async () => {
    const icon = await fetch(`${app.url}/favicon.ico`);
    expect([icon.status, icon.headers.get('content-type'), icon.headers.get('cache-control')]).toEqual([200, 'image/x-icon', 'public, max-age=86400']);
    expect((await fetch(`${app.url}/assets/plain-9f.png`)).headers.get('content-encoding')).toBeNull();
    for (const path of ['/assets/nope-1.js', '/assets/..%2Findex.html', '/assets/..%2F..%2Fpackage.json', '/assets/index.html']) {
      expect([path, (await fetch(`${app.url}${path}`)).status]).toEqual([path, 404]);
    }
  });
});

describe('web UI serving under server.url_prefix', () => {
  it('serves pages and assets under the prefix only, with the prefix written into index.html', async () => {
    const { app, db } = await start('web_ui_prefix', { server_url_prefix: '/fleet' });
    try {
      const page = await fetch(`${app.url}/fleet/hosts/manage`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('src="/fleet/assets/app-1a2b.js"');
      expect(html).toContain('href="/fleet/favicon.svg"');
      expect(html).toContain('<meta name="fleet-url-prefix" content="/fleet" />');
      expect((await fetch(`${app.url}/fleet`)).status).toBe(200);
      expect((await fetch(`${app.url}/fleet/assets/app-1a2b.js`)).status).toBe(200);
      expect((await fetch(`${app.url}/dashboard`)).status).toBe(404);
      const api = await fetch(`${app.url}/fleet/api/latest/fleet/nope`);
      expect([api.status, ((await api.json()) as { message: string }).message]).toEqual([404, 'Cannot GET /fleet/api/latest/fleet/nope']);
    } finally {
      await app.close();
      await db.dataSource.destroy();
    }
  });
});

describe('web UI before first-run setup', () => {
  it('redirects every page to /setup while no user exists, serves /setup, and sends /setup to /login once a user exists', async () => {
    const { app, db } = await start('web_ui_setup', { server_url_prefix: '/fleet' }, false);
    try {
      const get = (path: string) => fetch(`${app.url}${path}`, { redirect: 'manual' });
      for (const path of ['/fleet', '/fleet/', '/fleet/login', '/fleet/dashboard', '/fleet/hosts/manage?status=online']) {
        const res = await get(path);
        expect([path, res.status, res.headers.get('location')]).toEqual([path, 302, '/fleet/setup']);
      }
      const setup = await get('/fleet/setup');
      expect([setup.status, await setup.text()]).toEqual([200, expect.stringContaining('src="/fleet/assets/app-1a2b.js"')]);
      expect((await get('/fleet/assets/app-1a2b.js')).status).toBe(200);

      await addUser(db, 'first@example.com');
      const after = await get('/fleet/setup');
      expect([after.status, after.headers.get('location')]).toEqual([302, '/fleet/login']);
      expect((await get('/fleet/dashboard')).status).toBe(200);
      expect((await get('/fleet/login')).status).toBe(200);
    } finally {
      await app.close();
      await db.dataSource.destroy();
    }
  });
});
