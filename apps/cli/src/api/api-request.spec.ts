import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiMethod, apiPath, bodyFromFields, pairs, queryFromFields } from './api-request';

describe('fleetctl api request building', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleetctl-api-'));

  it('prefixes a bare path with /api/v1/fleet and keeps /api/v1/fleet and /api/latest/fleet paths', () => {
    expect(apiPath('hosts')).toBe('/api/v1/fleet/hosts');
    expect(apiPath('/hosts/count')).toBe('/api/v1/fleet/hosts/count');
    expect(apiPath('api/latest/fleet/teams')).toBe('/api/latest/fleet/teams');
    expect(apiPath('/api/v1/fleet/version')).toBe('/api/v1/fleet/version');
    expect(apiPath('/debug/errors')).toBe('/api/v1/fleet/debug/errors');
  });

  it('turns -F fields into a query string and skips pairs without a separator', () => {
    expect(queryFromFields(['team_id=1', 'query=a b', 'broken', 'x=1=2'])).toBe('?team_id=1&query=a+b&x=1%3D2');
    expect(queryFromFields([])).toBe('');
    expect(pairs(['Cache-Control:no-cache', 'bad'], ':')).toEqual([['Cache-Control', 'no-cache']]);
  });

  it('builds a JSON body: JSON values parsed, other text kept, a bare key true, <file inlined', () => {
    const sql = join(dir, 'q.sql');
    writeFileSync(sql, 'SELECT 1;');
    const warnings: string[] = [];
    const body = bodyFromFields(['name=Test Policy', 'critical=false', 'ids=[1,2]', 'n=3', 'flag', `query=<${sql}`, 'desc=<missing-file.sql'], (l) => warnings.push(l));
    expect(body?.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(String(body?.payload))).toEqual({ name: 'Test Policy', critical: false, ids: [1, 2], n: 3, flag: true, query: 'SELECT 1;', desc: '<missing-file.sql' });
    expect(warnings).toEqual(['warning: encountered argument value "<missing-file.sql" but unable to stat file "missing-file.sql", the value will be sent as a literal string']);
    expect(bodyFromFields([], () => undefined)).toBeUndefined();
  });

  it('switches to multipart/form-data when a field uploads a file with @', () => {
    const script = join(dir, 'hello.sh');
    writeFileSync(script, 'echo hello\n');
    const body = bodyFromFields([`script=@${script}`, 'team_id=3'], () => undefined);
    const type = body?.headers['content-type'] ?? '';
    expect(type).toMatch(/^multipart\/form-data; boundary=fleetctl[0-9a-f]{24}$/);
    const boundary = type.split('boundary=')[1];
    const text = (body?.payload as Buffer).toString('utf8');
    expect(text).toBe(`--${boundary}\r\nContent-Disposition: form-data; name="script"; filename="hello.sh"\r\nContent-Type: application/octet-stream\r\n\r\necho hello\n\r\n`
      + `--${boundary}\r\nContent-Disposition: form-data; name="team_id"\r\n\r\n3\r\n--${boundary}--\r\n`);
  });

  it('defaults to GET without a body and POST with one, and refuses a GET with a body', () => {
    expect(apiMethod(undefined, false)).toBe('GET');
    expect(apiMethod(undefined, true)).toBe('POST');
    expect(apiMethod('patch', true)).toBe('PATCH');
    expect(() => apiMethod('GET', true)).toThrow('GET requests may not include a body');
  });
});
