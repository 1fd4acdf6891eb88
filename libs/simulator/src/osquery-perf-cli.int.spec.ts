import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOsqueryServer } from './fake-osquery-server.spec-helper';
import { type OsqueryPerfArgs, buildOsqueryPerfCommand, runSimulation } from './osquery-perf-cli';

describe('osquery-perf command', () => {
  it('parses the flags', async () => {
    let parsed: OsqueryPerfArgs | undefined;
    await buildOsqueryPerfCommand(async (a) => { parsed = a; return Promise.resolve(); }).parseAsync(
      ['--server_url', 'https://127.0.0.1:8080', '--enroll_secret', 'x', '--hosts', '5000', '--platform_mix', 'ubuntu=1,windows=1', '--gzip', '--node_key_header', '--insecure', '--duration', '30', '--distributed_interval', '5'],
      { from: 'user' },
    );
    expect(parsed).toMatchObject({ serverUrl: 'https://127.0.0.1:8080', hosts: 5000, platformMix: { ubuntu: 1, windows: 1 }, gzip: true, nodeKeyHeader: true, insecure: true, durationSec: 30, distributedIntervalSec: 5, loggerIntervalSec: 10 });
  });

  it('runs for the given duration, then stops and writes the results file', async () => {
    const server = new FakeOsqueryServer('s');
    const url = await server.start();
    const dir = await mkdtemp(join(tmpdir(), 'osquery-perf-'));
    const file = join(dir, 'stats.json');
    const lines: string[] = [];
    try {
      const final = await runSimulation({
        serverUrl: url, hosts: 5, enrollSecret: 's', insecure: false, durationSec: 1, platformMix: { macos: 1 }, gzip: true, nodeKeyHeader: false,
        distributedIntervalSec: 1, configIntervalSec: 60, loggerIntervalSec: 1, rampSec: 0, seed: 1, connections: 4, pathPrefix: '/api/osquery', statsEverySec: 1, resultsFile: file,
      }, (l) => lines.push(l));
      expect(final.hosts.enrolled).toBe(5);
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ hosts: { total: 5, enrolled: 5 } });
      expect(lines.some((l) => l.includes('enrolled=5/5'))).toBe(true);
      expect(server.requests.every((r) => r.path.startsWith('/api/osquery/'))).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
