import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ENV_ONLY, loadConfig, optionEntries } from '@fleet/config';
import { runFleet } from '../support/fleet-process';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const UNIT = readFileSync(join(ROOT, 'packaging', 'fleet.service'), 'utf8');
const ENV_FILE = readFileSync(join(ROOT, 'packaging', 'fleet.env'), 'utf8');

/** Values of a key in the unit's [Service] section (a key may repeat). */
const serviceValues = (key: string): string[] => [...UNIT.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1] ?? '');

/**
 * packaging/fleet.service as systemd reads it (Debian's systemd), in a root laid out as the README installs it:
 * the unit in /etc/systemd/system, the executable in /usr/local/bin, systemd's own units beside.
 */
describe('packaging/fleet.service', () => {
  const root = mkdtempSync(join(tmpdir(), 'fleet-systemd-'));

  beforeAll(() => {
    mkdirSync(join(root, 'etc', 'systemd', 'system'), { recursive: true });
    mkdirSync(join(root, 'usr', 'local', 'bin'), { recursive: true });
    mkdirSync(join(root, 'lib', 'systemd'), { recursive: true });
    cpSync('/lib/systemd/system', join(root, 'lib', 'systemd', 'system'), { recursive: true });
    writeFileSync(join(root, 'etc', 'systemd', 'system', 'fleet.service'), UNIT);
    writeFileSync(join(root, 'usr', 'local', 'bin', 'fleet'), '#!/bin/sh\n');
    chmodSync(join(root, 'usr', 'local', 'bin', 'fleet'), 0o755);
  });

  it('passes `systemd-analyze verify` without a warning', async () => {
    const { stdout, stderr } = await run('systemd-analyze', ['verify', `--root=${root}`, '/etc/systemd/system/fleet.service']);
    expect(`${stdout}${stderr}`).toBe('');
  });

  it('is hardened: `systemd-analyze security` rates its exposure OK (below 2 of 10)', async () => {
    const { stdout } = await run('systemd-analyze', ['security', `--root=${root}`, '--offline=true', '/etc/systemd/system/fleet.service']);
    const exposure = Number(/Overall exposure level for fleet\.service: ([\d.]+)/.exec(stdout)?.[1]);
    expect(exposure).toBeLessThan(2);
    for (const key of ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'ProtectHome=yes', 'PrivateTmp=yes', 'CapabilityBoundingSet=']) expect(UNIT).toContain(`\n${key}\n`);
  });

  it('runs as its own user with the seed\'s file-descriptor limit, JSON logs and secrets from an environment file', () => {
    expect(serviceValues('User')).toEqual(['fleet']);
    expect(Number(serviceValues('LimitNOFILE')[0])).toBeGreaterThanOrEqual(8192);
    expect(serviceValues('ExecStart')).toEqual(['/usr/local/bin/fleet serve --logging_json']);
    expect(serviceValues('ExecStartPre')).toEqual(['/usr/local/bin/fleet prepare db --no-prompt']);
    expect(serviceValues('EnvironmentFile')).toEqual(['/etc/fleet/fleet.env']);
    expect(UNIT).not.toMatch(/^(Environment|ExecStart\w*)=.*password/im);
    // Stopping waits longer than the server's own drain.
    expect(Number(serviceValues('TimeoutStopSec')[0]) * 1000).toBeGreaterThan(loadConfig({}).server.shutdown_timeout);
  });

  it('uses only flags the fleet binary has', async () => {
    const serve = await runFleet(['serve', '--help']);
    expect(serve.stdout).toContain('--logging_json');
    const prepare = await runFleet(['prepare', 'db', '--help']);
    expect(prepare.stdout).toContain('--no-prompt');
  });

  it('ships an environment file of real options the server accepts', () => {
    const env = Object.fromEntries(ENV_FILE.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const known = new Set([...optionEntries().map((e) => e.envVar), ...Object.values(ENV_ONLY)]);
    expect(Object.keys(env).filter((k) => !known.has(k))).toEqual([]);
    const config = loadConfig({ env });
    expect(config.filesystem.result_log_file.startsWith('/var/log/fleet/')).toBe(true);
    expect(config.server.tls).toBe(true);
  });
});
