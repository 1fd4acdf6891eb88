import { feedSources, msrcMonths, ovalFileOf, ovalPlatformOfFile, syncFeeds } from './feed-sync';
import type { FeedSyncIo } from './feed-sync';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A feeds directory in memory and a server answering from a table of URLs. */
function fakeIo(answers: Record<string, string | number>): FeedSyncIo & { files: Map<string, string>; asked: string[] } {
  const files = new Map<string, string>();
  const asked: string[] = [];
  return {
    files, asked,
    get: (url) => {
      asked.push(url);
      const a = answers[url];
      if (a === undefined) return Promise.resolve({ status: 404, body: text('') });
      return Promise.resolve(typeof a === 'number' ? { status: a, body: text('') } : { status: 200, body: text(a) });
    },
    write: (p, d) => { files.set(p, new TextDecoder().decode(d)); return Promise.resolve(); },
    list: (dir) => Promise.resolve([...files.keys()].filter((k) => k.startsWith(`${dir}/`)).map((k) => k.slice(dir.length + 1))),
    remove: (p) => { files.delete(p); return Promise.resolve(); },
    gunzip: (d) => Promise.resolve(text(`gunzipped:${new TextDecoder().decode(d)}`)),
    bunzip2: (d) => Promise.resolve(text(`bunzipped:${new TextDecoder().decode(d)}`)),
    pause: () => Promise.resolve(),
  };
}

describe('feed sync', () => {
  it('names OVAL files by release both ways', () => {
    expect(ovalFileOf('ubuntu_22.04')).toBe('com.ubuntu.jammy.usn.oval.xml');
    expect(ovalFileOf('rhel_9')).toBe('rhel-9.oval.xml');
    expect(ovalFileOf('ubuntu_99.04')).toBeNull();
    expect(ovalPlatformOfFile('com.ubuntu.noble.usn.oval.xml')).toBe('ubuntu_24.04');
    expect(ovalPlatformOfFile('rhel-8.oval.xml')).toBe('rhel_8');
    expect(ovalPlatformOfFile('notes.txt')).toBeNull();
  });

  it('lists Microsoft\'s months up to now, across years', () => {
    expect(msrcMonths(new Date('2024-02-10T00:00:00Z'), '2023-11')).toEqual(['2023-Nov', '2023-Dec', '2024-Jan', '2024-Feb']);
  });

  it('moves every source to a mirror\'s origin, keeping paths', () => {
    const s = feedSources({ mirror: 'http://127.0.0.1:9999/feeds/' });
    expect(s.nvdCves).toBe('http://127.0.0.1:9999/feeds/rest/json/cves/2.0');
    expect(s.rhelOval).toBe('http://127.0.0.1:9999/feeds/data/oval/v2/RHEL{major}/rhel-{major}.oval.xml.bz2');
  });

  it('pages NVD, decompresses OVAL and EPSS, skips unpublished months, removes stale pages and reports failures per feed', async () => {
    const s = feedSources({ mirror: 'http://m' });
    const io = fakeIo({
      'http://m/rest/json/cves/2.0?resultsPerPage=2&startIndex=0': '{"totalResults":3,"vulnerabilities":[]}',
      'http://m/rest/json/cves/2.0?resultsPerPage=2&startIndex=2': '{"totalResults":3,"vulnerabilities":[]}',
      'http://m/rest/json/cpes/2.0?resultsPerPage=10&startIndex=0': '{"totalResults":1,"products":[]}',
      'http://m/oval/com.ubuntu.jammy.usn.oval.xml.bz2': 'ubuntu',
      'http://m/data/oval/v2/RHEL9/rhel-9.oval.xml.bz2': 500,
      'http://m/cvrf/v3.0/cvrf/2024-Jan': '<cvrfdoc/>',
      'http://m/epss_scores-current.csv.gz': 'epss',
      'http://m/sites/default/files/feeds/known_exploited_vulnerabilities.json': '{"vulnerabilities":[]}',
    });
    io.files.set('nvd/nvdcve-2.0-00007.json', 'stale');
    const r = await syncFeeds(io, s, { now: new Date('2024-02-01T00:00:00Z'), ubuntuReleases: ['22.04'], rhelReleases: ['9'], msrcSince: '2024-01', nvdPageSize: 2, cpePageSize: 10 });
    expect(r.failures).toEqual(['oval rhel 9: http://m/data/oval/v2/RHEL9/rhel-9.oval.xml.bz2 answered HTTP 500']);
    expect([...io.files.keys()].sort()).toEqual(['cpe/nvdcpe-2.0-00000.json', 'epss_scores-current.csv', 'known_exploited_vulnerabilities.json',
      'msrc/2024-Jan.xml', 'nvd/nvdcve-2.0-00000.json', 'nvd/nvdcve-2.0-00001.json', 'oval/com.ubuntu.jammy.usn.oval.xml']);
    expect(io.files.get('oval/com.ubuntu.jammy.usn.oval.xml')).toBe('bunzipped:ubuntu');
    expect(io.files.get('epss_scores-current.csv')).toBe('gunzipped:epss');
    expect(io.asked).toContain('http://m/cvrf/v3.0/cvrf/2024-Feb');
  });
});
