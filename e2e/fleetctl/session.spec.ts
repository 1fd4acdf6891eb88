import { copyFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ensureDevCertificate } from '@fleet/platform';
import { runScript } from '../support/fleet-process';
import { ADMIN, FLEETCTL_BIN, adminHome, expectOk, fleetctl, startServer } from './support/fleetctl-harness';
import type { ServerHarness } from './support/fleetctl-harness';

describe('fleetctl config, setup, login, logout, user create, version', () => {
  let server: ServerHarness;
  beforeAll(async () => {
    server = await startServer('cli_session');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('writes contexts in Fleet\'s config format with Fleet\'s messages, and reads keys back', async () => {
    const home = server.home();
    const set = await expectOk(fleetctl(home, ['config', 'set', '--context', 'staging', '--address', 'https://fleet.example.com:8080', '--tls-skip-verify', '--url-prefix', '/fleet', '--token', 'tok']));
    expect(set.stdout).toContain('[+] Context "staging" not found, creating it with default values');
    expect(set.stdout).toContain('[+] Set the address config key to "https://fleet.example.com:8080" in the "staging" context');
    expect(set.stdout).toContain('[+] Set the token config key to "<redacted>" in the "staging" context');
    const file = join(home, 'config');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(file, 'utf8'))).toEqual({
      contexts: { default: {}, staging: { address: 'https://fleet.example.com:8080', token: 'tok', 'tls-skip-verify': true, 'url-prefix': '/fleet' } },
    });
    const get = await expectOk(fleetctl(home, ['config', 'get', 'address', '--context', 'staging']));
    expect(get.stdout).toBe('  staging.address => https://fleet.example.com:8080\n');
    const viaEnv = await expectOk(fleetctl(home, ['config', 'get', 'url-prefix'], { CONTEXT: 'staging' }));
    expect(viaEnv.stdout).toBe('  staging.url-prefix => /fleet\n');
  });

  it('fails with Fleet\'s messages when the context cannot talk to a server', async () => {
    const home = server.home();
    const noAddress = await fleetctl(home, ['get', 'hosts']);
    expect(noAddress.code).not.toBe(0);
    expect(noAddress.stderr).toContain('set the Fleet API address with: fleetctl config set --address https://fleet.example.com');
    await expectOk(fleetctl(home, ['config', 'set', '--address', server.url]));
    const noToken = await fleetctl(home, ['get', 'hosts']);
    expect(noToken.code).not.toBe(0);
    expect(noToken.stderr).toContain('Token missing. Please log in with: fleetctl login');
    const unknown = await fleetctl(home, ['get', 'hosts', '--context', 'nope']);
    expect(unknown.stderr).toContain('context "nope" is not found');
  });

  it('sets up the first admin, logs out and in again, and refuses a second setup', async () => {
    const home = await adminHome(server);
    const cfg = parse(readFileSync(join(home, 'config'), 'utf8')) as { contexts: { default: { email: string; token: string } } };
    expect(cfg.contexts.default.email).toBe(ADMIN.email);
    expect(cfg.contexts.default.token).toBeTruthy();
    const again = await fleetctl(home, ['setup', '--email', 'x@example.com', '--name', 'X', '--password', ADMIN.password, '--org-name', 'X']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Fleet has already been setup');

    const out = await expectOk(fleetctl(home, ['logout']));
    expect(out.stdout).toContain('[+] Fleet logout successful and local token cleared!');
    expect((await fleetctl(home, ['get', 'teams'])).stderr).toContain('Token missing');
    const bad = await fleetctl(home, ['login', '--email', ADMIN.email, '--password', 'wrong-password1!']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Login failed: Authentication failed');
    const ok = await expectOk(fleetctl(home, ['login', '--email', ADMIN.email, '--password', ADMIN.password]));
    expect(ok.stdout).toContain('[+] Fleet login successful and context configured!');
    expect((await expectOk(fleetctl(home, ['get', 'teams']))).stdout).toContain('No teams found');
  });

  it('creates an API-only user whose printed token works, and refuses bad roles', async () => {
    const home = await adminHome(server);
    const res = await expectOk(fleetctl(home, ['user', 'create', '--email', 'bot@example.com', '--name', 'Bot', '--password', 'botpassword12#', '--api-only', '--global-role', 'admin']));
    const token = /Success! The API token for your new user is: (\S+)/.exec(res.stdout)?.[1];
    expect(token).toBeTruthy();
    const botHome = server.home();
    await expectOk(fleetctl(botHome, ['config', 'set', '--address', server.url, '--token', token as string]));
    const roles = await expectOk(fleetctl(botHome, ['get', 'user_roles']));
    expect(roles.stdout).toMatch(/\| bot@example\.com\s+\| admin\s+\|/);
    const badRole = await fleetctl(home, ['user', 'create', '--email', 'x@example.com', '--name', 'X', '--password', 'xpassword123#', '--global-role', 'boss']);
    expect(badRole.stderr).toContain("'boss' is not a valid global role");
    const both = await fleetctl(home, ['user', 'create', '--email', 'x@example.com', '--name', 'X', '--password', 'xpassword123#', '--global-role', 'admin', '--team', '1:observer']);
    expect(both.stderr).toContain('Users may not have global_role and teams.');
  });

  it('prints its version, the server version with --full, and masks secrets in --debug output', async () => {
    const home = await adminHome(server);
    expect((await expectOk(fleetctl(home, ['version']))).stdout).toMatch(/^fleetctl - version \d+\.\d+\.\d+/);
    expect((await expectOk(fleetctl(home, ['version', '--full']))).stdout).toMatch(/Server:\n {2}version: \d+/);
    const token = (parse(readFileSync(join(home, 'config'), 'utf8')) as { contexts: { default: { token: string } } }).contexts.default.token;
    const debug = await expectOk(fleetctl(home, ['login', '--email', ADMIN.email, '--password', ADMIN.password, '--debug']));
    expect(debug.stderr).toContain(`> POST ${server.url}/api/latest/fleet/login`);
    expect(debug.stderr).toContain('"password":"********"');
    expect(debug.stderr).toContain('"token":"********"');
    expect(debug.stderr).not.toContain(ADMIN.password);
    const get = await expectOk(fleetctl(home, ['get', 'teams', '--debug']));
    expect(get.stderr).toContain('> authorization: Bearer ********');
    expect(get.stderr).not.toContain(token);
  });

  it('talks TLS to a server whose CA is given with --rootca, or with --tls-skip-verify, and says which to set otherwise', async () => {
    const cert = await ensureDevCertificate(mkdtempSync(join(tmpdir(), 'fleetctl-tls-')));
    const tls = await startServer('cli_tls', ['--server_tls=true', `--server_cert=${cert.certPath}`, `--server_key=${cert.keyPath}`]);
    try {
      const address = tls.url.replace('http://127.0.0.1', 'https://localhost');
      const home = tls.home();
      await expectOk(fleetctl(home, ['config', 'set', '--address', address]));
      const untrusted = await fleetctl(home, ['setup', '--email', ADMIN.email, '--name', ADMIN.name, '--password', ADMIN.password, '--org-name', ADMIN.org]);
      expect(untrusted.code).not.toBe(0);
      expect(untrusted.stderr).toContain('(set --rootca or --tls-skip-verify with fleetctl config set)');
      // A relative --rootca (fleetctl runs in `home`) is stored absolute, so the context works from any directory.
      copyFileSync(cert.certPath, join(home, 'ca.pem'));
      await expectOk(fleetctl(home, ['config', 'set', '--rootca', 'ca.pem']));
      expect((parse(readFileSync(join(home, 'config'), 'utf8')) as { contexts: { default: { rootca: string } } }).contexts.default.rootca).toBe(join(home, 'ca.pem'));
      expect((await expectOk(fleetctl(home, ['setup', '--email', ADMIN.email, '--name', ADMIN.name, '--password', ADMIN.password, '--org-name', ADMIN.org]))).stdout)
        .toContain('[+] Fleet setup successful and context configured!');
      const elsewhere = await runScript(FLEETCTL_BIN, ['get', 'teams', '--config', join(home, 'config')], { env: { HOME: home }, cwd: tmpdir() });
      expect(elsewhere.stdout).toContain('No teams found');
      await expectOk(fleetctl(home, ['config', 'set', '--context', 'insecure', '--address', address, '--tls-skip-verify']));
      await expectOk(fleetctl(home, ['login', '--context', 'insecure', '--email', ADMIN.email, '--password', ADMIN.password]));
      expect((await expectOk(fleetctl(home, ['get', 'user_roles', '--context', 'insecure']))).stdout).toMatch(/\| admin@example\.com \| admin\s+\|/);
    } finally {
      await tls.close();
    }
  });
});
