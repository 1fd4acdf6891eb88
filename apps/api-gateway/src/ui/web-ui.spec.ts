import { withUrlPrefix } from './web-ui.controller';

const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-def.css">
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('index.html under server.url_prefix', () => {
  it('prefixes the asset paths and tells the UI its prefix', () => {
    const html = withUrlPrefix(BUILT, '/fleet');
    expect(html).toContain('src="/fleet/assets/index-abc.js"');
    expect(html).toContain('href="/fleet/assets/index-def.css"');
    expect(html).toContain('<meta name="fleet-url-prefix" content="/fleet" />\n  </head>');
  });

  it('leaves the paths alone without a prefix, and never writes markup from the prefix', () => {
    expect(withUrlPrefix(BUILT, '')).toContain('src="/assets/index-abc.js"');
    const hostile = withUrlPrefix(BUILT, '/x"><script>');
    expect(hostile).toContain('content="/xscript" />');
    expect(hostile).toContain('src="/xscript/assets/index-abc.js"');
  });
});
