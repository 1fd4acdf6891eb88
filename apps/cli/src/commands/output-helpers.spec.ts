import { outfileName, sensitiveBanner } from '../debug/debug-fetch';
import { migrationMessage } from './debug-db.command';
import { carveCompletion, carvesTable } from './get-carves.command';
import { prettyResult } from './query.command';

describe('fleetctl output helpers', () => {
  it("names debug output files the way Fleet does (fleet-<name>-<UTC stamp>Z[.ext])", () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    expect(outfileName('errors', 'json', at)).toBe('fleet-errors-20260102030405Z.json');
    expect(outfileName('db-locks', undefined, at)).toBe('fleet-db-locks-20260102030405Z');
    expect(sensitiveBanner('The generated file', 'f.json')).toContain('#   Output written to: f.json\n');
  });

  it("words each migration status as Fleet's fleetctl does", () => {
    expect(migrationMessage({ status_code: 2 })).toBe('Migrations up-to-date.\n');
    expect(migrationMessage({ status_code: 1, missing_table: [20240101, 20240102], missing_data: [] }))
      .toBe('Missing migrations detected: tables=[20240101 20240102], data=[].\nFleet server must be run with "prepare db" to perform the migrations.\n');
    expect(migrationMessage({ status_code: 3, unknown_table: ['x'], unknown_data: null })).toBe('Unknown migrations detected: tables=[x], data=[].\n');
    expect(migrationMessage({ status_code: 0 })).toMatch(/^Your Fleet database is not initialized\./);
  });

  it('shows carve completion from the blocks received, and a table with Fleet\'s columns', () => {
    expect(carveCompletion({ block_count: 4, max_block: 0 })).toBe('25%');
    expect(carveCompletion({ block_count: 4, max_block: 3 })).toBe('100%');
    expect(carveCompletion({ block_count: 0, max_block: -1 })).toBe('0%');
    const table = carvesTable([{ id: 1, created_at: 't', request_id: 'r', carve_size: 10, block_count: 2, max_block: 1, expired: false, error: null }]);
    expect(table).toMatch(/\| ID \| CREATED AT \| REQUEST ID \| CARVE SIZE \| COMPLETION \| ERRORED \|\n.*\n\| 1  \| t +\| r +\| 10 +\| 100% +\| no +\|/);
    expect(carvesTable([])).toBe('No carves found\n');
  });

  it('prints one host\'s rows as a table without the per-row host columns (query --pretty)', () => {
    const out = prettyResult('web-1', [{ pid: '1', name: 'init', host_hostname: 'web-1', host_display_name: 'web-1' }, { pid: '2', name: 'sshd' }]);
    expect(out).toBe('web-1:\n+-----+------+\n| PID | NAME |\n+-----+------+\n| 1   | init |\n| 2   | sshd |\n+-----+------+\n');
    expect(prettyResult('web-2', [])).toBe('web-2: no rows\n');
  });
});
