import { pickEncoding } from './web-ui.assets';
import type { AssetEncoding } from './web-ui.assets';
import { isReservedPath, withUrlPrefix } from './web-ui.controller';

const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-def.css">
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('index.html under server.url_prefix', () => {
  it('prefixes the asset and favicon paths and tells the UI its prefix', () => {
    const html = withUrlPrefix(BUILT, '/fleet');
    expect(html).toContain('src="/fleet/assets/index-abc.js"');
    expect(html).toContain('href="/fleet/assets/index-def.css"');
    expect(html).toContain('href="/fleet/favicon.svg"');
    expect(html).toContain('<meta name="fleet-url-prefix" content="/fleet" />\n  </head>');
  });

  it('leaves the paths alone without a prefix, and never writes markup from the prefix', () => {
    expect(withUrlPrefix(BUILT, '')).toContain('src="/assets/index-abc.js"');
    const hostile = withUrlPrefix(BUILT, '/x"><script>');
    expect(hostile).toContain('content="/xscript" />');
    expect(hostile).toContain('src="/xscript/assets/index-abc.js"');
  });
});

describe('paths that are never UI pages', () => {
  it.each([['/api', true], ['/api/latest/fleet/x', true], ['/api/osquery/enroll', true], ['/assets/a.js', true],
    ['/', false], ['/dashboard', false], ['/apis', false], ['/hosts/manage', false], ['/assetsx', false]])('%s → %s', (path, reserved) => {
    expect(isReservedPath(path)).toBe(reserved);
  });
});

describe('content encoding by Accept-Encoding', () => {
  const all = new Set<AssetEncoding>(['identity', 'br', 'gzip']);
  it.each([
    ['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip;q=0.8', 'gzip'], ['*', 'br'], ['*;q=0, identity', 'identity'],
    ['', 'identity'], [undefined, 'identity'], ['GZIP', 'gzip'], ['deflate', 'identity'],
  ])('%s → %s', (header, expected) => {
    expect(pickEncoding(header, all)).toBe(expected);
  });

  it('only picks an encoding the build wrote', () => {
    expect(pickEncoding('br, gzip', new Set<AssetEncoding>(['identity', 'gzip']))).toBe('gzip');
    expect(pickEncoding('br', new Set<AssetEncoding>(['identity']))).toBe('identity');
  });
});
