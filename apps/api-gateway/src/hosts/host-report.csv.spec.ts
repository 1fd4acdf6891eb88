import type { HostDto } from '@fleet/contracts';
import { hostsCsvRows, hostsCsvStream, mapBatches } from './host-report.csv';

const host = (id: number, hostname: string) => ({ id, hostname, team_name: null }) as unknown as HostDto;

describe('host CSV report', () => {
  it('quotes cells that hold commas, quotes or newlines (RFC 4180) and leaves empty values empty', () => {
    expect(hostsCsvRows([host(1, 'a,b'), host(2, 'say "hi"'), host(3, 'x\ny')], ['id', 'hostname', 'team_name']))
      .toBe('1,"a,b",\n2,"say ""hi""",\n3,"x\ny",\n');
  });

  it('streams: the header first, then one piece per batch, asking for a batch only when the previous piece was taken', async () => {
    const asked: number[] = [];
    async function* batches() {
      for (let b = 0; b < 3; b++) {
        asked.push(b);
        await Promise.resolve();
        yield [host(b * 2 + 1, `h${b * 2 + 1}`), host(b * 2 + 2, `h${b * 2 + 2}`)];
      }
    }
    const stream = hostsCsvStream(mapBatches(batches(), (h) => h), ['id', 'hostname']);
    expect((await stream.next()).value).toBe('id,hostname\n');
    expect(asked).toEqual([]);
    expect((await stream.next()).value).toBe('1,h1\n2,h2\n');
    expect(asked).toEqual([0]);
    const rest: string[] = [];
    for await (const piece of stream) rest.push(piece);
    expect([rest, asked]).toEqual([['3,h3\n4,h4\n', '5,h5\n6,h6\n'], [0, 1, 2]]);
  });
});
