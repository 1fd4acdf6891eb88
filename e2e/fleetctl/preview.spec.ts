import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createTestDatabase } from '@fleet/testing';
import { expectOk, fleetctl } from './support/fleetctl-harness';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('fleetctl preview, preview --stop and preview reset', () => {
  const database = `fleet_test_cli_preview_${process.pid}`;
  const home = mkdtempSync(join(tmpdir(), 'fleetctl-preview-'));
  const dir = join(home, 'preview-state');

  afterAll(async () => {
    await fleetctl(home, ['preview', '--stop', '--preview-dir', dir]);
    const db = await createTestDatabase('cli_preview_cleanup');
    await db.dataSource.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await db.drop();
  });

  it('starts the product on a fresh database with simulated hosts that get hosts lists, --stop ends it and reset removes its data', async () => {
    const res = await expectOk(fleetctl(home, ['preview', '--hosts', '5', '--preview-dir', dir, '--mysql-database', database], {}, 180_000));
    expect(res.stdout).toMatch(/\[\+\] Fleet is running at https:\/\/localhost:\d+/);
    // The admin is the one `fleet serve --dev` created and saved for this preview directory.
    const saved = JSON.parse(readFileSync(join(dir, 'dev', 'credentials.json'), 'utf8')) as { email: string; password: string };
    expect(res.stdout).toContain(`Email: ${saved.email}`);
    expect(res.stdout).toContain(`Password: ${saved.password}`);
    const hosts = await expectOk(fleetctl(home, ['get', 'hosts']));
    expect(hosts.stdout.split('\n').filter((l) => / online\s+\|$/.test(l))).toHaveLength(5);

    const again = await fleetctl(home, ['preview', '--preview-dir', dir, '--mysql-database', database]);
    expect(again.stderr).toContain('a preview is already running');

    const state = JSON.parse(readFileSync(join(dir, 'preview.pid.json'), 'utf8')) as { fleetPid: number; simulatorPid: number };
    expect((await expectOk(fleetctl(home, ['preview', '--stop', '--preview-dir', dir]))).stdout).toContain('[+] Fleet preview stopped');
    expect(alive(state.fleetPid)).toBe(false);
    expect(alive(state.simulatorPid)).toBe(false);
    expect(existsSync(join(dir, 'preview.pid.json'))).toBe(false);

    // reset removes what the preview stored: its database, its Redis keys (and only those) and its directory.
    const redis = new Redis({ host: '127.0.0.1', port: 6379 });
    try {
      await redis.set('fleetctl_e2e_other_prefix:keep', '1');
      expect((await redis.keys(`${database}:*`)).length).toBeGreaterThan(0);
      const reset = await expectOk(fleetctl(home, ['preview', 'reset', '--preview-dir', dir]));
      expect(reset.stdout).toBe('Fleet preview server and dependencies reset. Start again with fleetctl preview.\n');
      expect(await redis.keys(`${database}:*`)).toEqual([]);
      expect(await redis.get('fleetctl_e2e_other_prefix:keep')).toBe('1');
    } finally {
      await redis.del('fleetctl_e2e_other_prefix:keep');
      redis.disconnect();
    }
    expect(existsSync(dir)).toBe(false);
    const probe = await createTestDatabase('cli_preview_probe');
    try {
      expect(await probe.dataSource.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [database])).toEqual([]);
    } finally {
      await probe.drop();
    }
  }, 240_000);
});
