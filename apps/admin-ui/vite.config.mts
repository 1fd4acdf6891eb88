import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const lib = (name: string) => fileURLToPath(new URL(`../../libs/${name}/src/index.ts`, import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/admin-ui', import.meta.url));

/** Text assets worth compressing; images like PNG are already compressed. */
const COMPRESSIBLE = /\.(?:js|css|svg|html|json|map|ico)$/;

/**
 * Writes `name.br` and `name.gz` beside every compressible file of the build, once, at build time, so the
 * server sends them as they are (api-gateway's WebUiController picks one by Accept-Encoding) and never
 * compresses per request.
 */
function precompress(): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  let written = outDir;
  return {
    name: 'fleet-precompress',
    apply: 'build',
    // The folder actually written (`vite build --outDir elsewhere` included), not only the configured one.
    configResolved(config) {
      written = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(written).filter((f) => COMPRESSIBLE.test(f))) {
        const body = readFileSync(file);
        if (body.length < 512) continue;
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
      }
    },
  };
}

/** A route declaration file of @fleet/contracts (`libs/contracts/src/admin/routes/<context>.routes.ts`). */
const ROUTE_FILE = /[\\/]libs[\\/]contracts[\\/]src[\\/]admin[\\/]routes[\\/][\w-]+\.routes\.ts$/;
const STUB_PREFIX = '\0fleet-schema-stub:';
/** Any property, call or construction of it gives it back; as text it is empty. */
const STUB = "const stub = new Proxy(function () {}, { get: (_t, p) => (p === Symbol.toPrimitive ? () => '' : stub), apply: () => stub, construct: () => stub });";

/**
 * In the browser the UI needs a route declaration's method, path and response kind, never its zod schemas (the
 * server validates; the UI's types come from the real declarations through `tsc`). So, for the route files only,
 * zod and the schema modules they import are replaced by inert stubs: the bundle keeps the route objects without
 * pulling zod (~90 KB minified) into every page. Pages that validate forms import the real schemas from
 * @fleet/contracts and get real zod in their own chunk.
 */
function routeSchemaStubs(): Plugin {
  return {
    name: 'fleet-route-schema-stubs',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !ROUTE_FILE.test(importer)) return null;
      if (source === 'zod') return `${STUB_PREFIX}zod`;
      if (!source.endsWith('.schema')) return null;
      const real = await this.resolve(source, importer, { skipSelf: true });
      return real ? `${STUB_PREFIX}${real.id}` : null;
    },
    load(id) {
      if (!id.startsWith(STUB_PREFIX)) return null;
      const path = id.slice(STUB_PREFIX.length);
      const names = path === 'zod' ? ['z'] : [...readFileSync(path, 'utf8').matchAll(/^export (?:const|function|class) (\w+)/gm)].map((m) => m[1]);
      return `${STUB}\n${names.map((n) => `export const ${n} = stub;`).join('\n')}\n`;
    },
  };
}

// The web UI, built into dist/admin-ui and served by the api role at `/` (under server.url_prefix). It imports
// @fleet/contracts (route declarations and zod schemas) from source; contracts and domain modules have no side
// effects, so the bundle keeps only what the UI uses. `npm run ui:dev` serves it with hot reload against a
// server on https://localhost:8080.
export default defineConfig({
  root: here,
  plugins: [routeSchemaStubs(), react(), precompress()],
  resolve: { alias: { '@fleet/contracts': lib('contracts'), '@fleet/domain': lib('domain') } },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      treeshake: { moduleSideEffects: [{ test: /[\\/]libs[\\/](?:contracts|domain)[\\/]/, sideEffects: false }, { test: /\.css$/, sideEffects: true }] },
    },
  },
  server: { proxy: { '/api': { target: 'https://localhost:8080', secure: false, ws: true } } },
});
