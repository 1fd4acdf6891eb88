import { buildHostTables } from './host-tables';
import { createHostProfile } from './host-templates';
import { evaluateSql, likeMatches } from './sql-evaluator';

const tablesFor = (platform: 'ubuntu' | 'macos' | 'windows') => {
  const profile = createHostProfile({ index: 7, platform, seed: 42 });
  return { profile, tables: buildHostTables(profile, { nowUnix: () => profile.bootedAt + 3_700, flags: () => ({ distributed_interval: '10' }), carveRows: () => [] }) };
};

describe('evaluateSql', () => {
  const mac = tablesFor('macos');
  const linux = tablesFor('ubuntu');
  const win = tablesFor('windows');

  it('answers SELECT 1 without a table', () => {
    expect(evaluateSql('SELECT 1', mac.tables)).toEqual({ ok: true, rows: [{ '1': '1' }] });
    expect(evaluateSql('select 1 as one;', mac.tables)).toEqual({ ok: true, rows: [{ one: '1' }] });
  });

  it('evaluates platform label queries', () => {
    const q = "SELECT 1 FROM os_version WHERE platform = 'darwin';";
    expect(evaluateSql(q, mac.tables)).toEqual({ ok: true, rows: [{ '1': '1' }] });
    expect(evaluateSql(q, linux.tables)).toEqual({ ok: true, rows: [] });
    expect(evaluateSql("SELECT 1 FROM os_version WHERE platform LIKE 'ubu%'", linux.tables)).toEqual({ ok: true, rows: [{ '1': '1' }] });
    expect(evaluateSql("SELECT 1 FROM os_version WHERE platform IN ('windows', 'darwin')", win.tables)).toEqual({ ok: true, rows: [{ '1': '1' }] });
    expect(evaluateSql("SELECT 1 FROM os_version WHERE NOT (platform = 'windows' OR platform = 'darwin')", linux.tables)).toEqual({ ok: true, rows: [{ '1': '1' }] });
  });

  it('returns all columns of SELECT * in table order, as strings', () => {
    const r = evaluateSql('SELECT * FROM osquery_info', mac.tables);
    expect(r.ok && Object.keys(r.rows[0])).toEqual(Object.keys(mac.profile.osqueryInfo));
    const s = evaluateSql('SELECT * FROM system_info', linux.tables);
    expect(s.ok && s.rows[0]['hostname']).toBe(linux.profile.hostname);
  });

  it('projects, filters and limits package tables', () => {
    const all = evaluateSql('SELECT name, version FROM deb_packages', linux.tables);
    expect(all.ok && all.rows.length).toBeGreaterThan(20);
    expect(all.ok && Object.keys(all.rows[0])).toEqual(['name', 'version']);
    const name = all.ok ? all.rows[3]['name'] : '';
    expect(evaluateSql(`SELECT version FROM deb_packages WHERE name = '${name}'`, linux.tables)).toEqual({ ok: true, rows: [{ version: all.ok ? all.rows[3]['version'] : '' }] });
    const limited = evaluateSql('SELECT name FROM programs ORDER BY name DESC LIMIT 2', win.tables);
    expect(limited.ok && limited.rows).toHaveLength(2);
    expect(evaluateSql('SELECT name FROM apps LIMIT 1', mac.tables).ok).toBe(true);
  });

  it('compares numbers numerically and supports COUNT(*) and aliases', () => {
    expect(evaluateSql('SELECT 1 FROM system_info WHERE physical_memory > 1073741824', mac.tables)).toEqual({ ok: true, rows: [{ '1': '1' }] });
    expect(evaluateSql("SELECT 1 FROM users WHERE username = 'root' AND uid = 0", linux.tables)).toEqual({ ok: true, rows: [{ '1': '1' }] });
    const count = evaluateSql('SELECT COUNT(*) AS n FROM users', linux.tables);
    expect(count).toEqual({ ok: true, rows: [{ n: String(linux.profile.users.length) }] });
    expect(evaluateSql('SELECT uuid AS host_uuid FROM system_info;', mac.tables)).toEqual({ ok: true, rows: [{ host_uuid: mac.profile.hardwareUuid }] });
    expect(evaluateSql("SELECT 1 FROM osquery_registry WHERE active = true AND registry = 'table' AND name = 'mdm'", mac.tables)).toEqual({ ok: true, rows: [] });
    expect(evaluateSql("SELECT 1 FROM osquery_registry WHERE active = true AND registry = 'table' AND name = 'apps'", mac.tables)).toEqual({ ok: true, rows: [{ '1': '1' }] });
  });

  it('fails like osquery for unknown tables, columns and bad syntax', () => {
    expect(evaluateSql('SELECT * FROM foo', mac.tables)).toEqual({ ok: false, message: 'no such table: foo' });
    expect(evaluateSql('SELECT name FROM deb_packages', mac.tables)).toEqual({ ok: false, message: 'no such table: deb_packages' });
    expect(evaluateSql('SELECT nope FROM users', mac.tables)).toEqual({ ok: false, message: 'no such column: nope' });
    expect(evaluateSql('SELEC 1', mac.tables)).toEqual({ ok: false, message: 'near "SELEC": syntax error' });
    expect(evaluateSql('SELECT 1 FROM', mac.tables)).toEqual({ ok: false, message: 'incomplete input' });
    const join = evaluateSql('SELECT u.username FROM users u JOIN groups g ON u.gid = g.gid', mac.tables);
    expect(join.ok).toBe(false);
  });

  it('gives the same answers and the same syntax error when a statement is run again (parsed once, shared)', () => {
    const q = 'SELECT name, version FROM os_version';
    const first = evaluateSql(q, mac.tables);
    expect(evaluateSql(q, linux.tables)).not.toEqual(first);
    expect(evaluateSql(q, mac.tables)).toEqual(first);
    const bad = evaluateSql('SELECT FROM WHERE', mac.tables);
    expect(bad.ok).toBe(false);
    expect(evaluateSql('SELECT FROM WHERE', linux.tables)).toEqual(bad);
  });

  it('implements SQLite LIKE wildcards case-insensitively', () => {
    expect(likeMatches('Google Chrome', 'google%')).toBe(true);
    expect(likeMatches('abc', 'a_c')).toBe(true);
    expect(likeMatches('a.c', 'a_d')).toBe(false);
  });
});
