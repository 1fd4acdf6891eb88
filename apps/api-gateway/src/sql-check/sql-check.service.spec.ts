import { callerWith } from '../testing/service-doubles';
import { SqlCheckService } from './sql-check.service';

describe('SqlCheckService (SQLite through sql.js, osquery core tables)', () => {
  const service = new SqlCheckService();
  const check = (sql: string) => service.check(callerWith({ global: 'observer' }), sql);

  it('accepts SQL osquery can run and names the tables it reads', async () => {
    await expect(check('SELECT p.pid, u.username FROM processes p JOIN users u USING (uid) WHERE p.name LIKE \'%ssh%\';'))
      .resolves.toEqual({ valid: true, error: null, warnings: [], tables: ['processes', 'users'] });
    await expect(check("SELECT regex_match(version, '(\\d+)', 1) AS major FROM osquery_info")).resolves.toMatchObject({ valid: true, warnings: [] });
  });

  it('refuses what SQLite cannot parse, with its message', async () => {
    await expect(check('SELEC * FROM osquery_info')).resolves.toMatchObject({ valid: false, error: 'near "SELEC": syntax error' });
    await expect(check('SELECT * FROM processes WHERE')).resolves.toMatchObject({ valid: false, error: 'incomplete input' });
    await expect(check("SELECT 'unclosed FROM users")).resolves.toMatchObject({ valid: false });
    await expect(check('  -- nothing\n')).resolves.toMatchObject({ valid: false, error: 'no SQL statement (only spaces or comments)' });
  });

  it('lets unknown tables, columns and functions through with a warning (extensions add them)', async () => {
    const table = await check('SELECT * FROM no_such_table');
    expect(table).toMatchObject({ valid: true, error: null });
    expect(table.warnings).toEqual([expect.stringContaining('no "no_such_table"')]);
    expect((await check('SELECT nope FROM users')).warnings).toEqual([expect.stringContaining('no such column: nope')]);
    expect((await check('SELECT frobnicate(1)')).warnings).toEqual([expect.stringContaining('"frobnicate" is not an SQLite or osquery function')]);
  });

  it('never runs the SQL', async () => {
    await expect(check('DROP TABLE users')).resolves.toMatchObject({ valid: true });
    await expect(check('SELECT * FROM users')).resolves.toMatchObject({ valid: true, warnings: [], tables: ['users'] });
  });

  it('needs query:read', async () => {
    await expect(service.check(callerWith({ teams: [] }), 'SELECT 1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
