import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemDestination } from './filesystem.destination';

const records = (batch: number, n: number): Array<{ id: string; type: 'result'; line: string }> =>
  Array.from({ length: n }, (_, i) => ({ id: `${batch}-${i}`, type: 'result' as const, line: JSON.stringify({ batch, i }) }));

describe('FilesystemDestination', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'fs-dest-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends batches written at once whole and in the order they were given, each caller told when its batch is on disk', async () => {
    const path = join(dir, 'results.log');
    const dest = new FilesystemDestination({ path, rotate: false, maxBytes: 0, maxBackups: 0 });
    await Promise.all(Array.from({ length: 200 }, (_, b) => dest.write(records(b, 3))));
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { batch: number; i: number });
    expect(lines).toHaveLength(600);
    expect(lines).toEqual(Array.from({ length: 200 }, (_, b) => [0, 1, 2].map((i) => ({ batch: b, i }))).flat());
    await dest.close();
  });

  it('rotates when a grouped write would pass the size limit', async () => {
    const path = join(dir, 'results.log');
    const dest = new FilesystemDestination({ path, rotate: true, maxBytes: 400, maxBackups: 2 });
    await dest.write(records(0, 10));
    await Promise.all([1, 2, 3].map((b) => dest.write(records(b, 5))));
    expect(existsSync(`${path}.1`)).toBe(true);
    const all = [`${path}.1`, path].flatMap((p) => readFileSync(p, 'utf8').trimEnd().split('\n'));
    expect(all).toHaveLength(25);
    await dest.close();
  });

  it('fails every batch of a failed write, and the next write opens the file again', async () => {
    const path = join(dir, 'results.log');
    mkdirSync(path); // a directory where the file should be: open fails with EISDIR
    const dest = new FilesystemDestination({ path, rotate: false, maxBytes: 0, maxBackups: 0 });
    const outcomes = await Promise.allSettled([dest.write(records(0, 1)), dest.write(records(1, 1)), dest.write(records(2, 1))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    rmSync(path, { recursive: true });
    await dest.write(records(3, 2));
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify({ batch: 3, i: 0 })}\n${JSON.stringify({ batch: 3, i: 1 })}\n`);
    await dest.close();
  });
});
