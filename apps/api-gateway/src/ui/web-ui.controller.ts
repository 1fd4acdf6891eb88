import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';

/** The UI's pages (client-side routes): each gets index.html, and the browser's router takes it from there. */
const PAGES = ['/', 'login', 'hosts', 'hosts/:id', 'live-query', 'queries', 'queries/:id', 'policies', 'activity'];
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.json': 'application/json', '.map': 'application/json',
};

/** dist/admin-ui next to the compiled server (or, running from source, the repository's dist/). */
function uiDir(): string {
  const candidates = [join(__dirname, '..', '..', '..', '..', 'admin-ui'), join(__dirname, '..', '..', '..', '..', 'dist', 'admin-ui')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0];
}

/**
 * index.html for a server under `server.url_prefix`: asset paths get the prefix, and a meta tag tells the
 * UI where the API and its own pages live.
 */
export function withUrlPrefix(html: string, prefix: string): string {
  const safe = prefix.replace(/[^\w/.-]/g, '');
  const meta = `<meta name="fleet-url-prefix" content="${safe}" />`;
  return html.replace(/(src|href)="\/assets\//g, `$1="${safe}/assets/`).replace('</head>', `    ${meta}\n  </head>`);
}

/**
 * The web UI (apps/admin-ui, built by Vite into dist/admin-ui), served by the api role at `/` (under
 * `server.url_prefix` when set). Asset names carry a content hash, so they are cached for a year; index.html
 * is never cached, so a new release shows at the next load.
 */
@Controller()
export class WebUiController {
  private readonly dir = uiDir();
  private readonly assets = new Map<string, Buffer>();

  constructor(@Inject(FLEET_CONFIG) private readonly config: FleetConfig) {}

  @Get(PAGES)
  async page(@Res() reply: FastifyReply): Promise<void> {
    try {
      const html = withUrlPrefix(await readFile(join(this.dir, 'index.html'), 'utf8'), this.config.server.url_prefix);
      await reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
    } catch {
      await reply.code(404).type('text/plain; charset=utf-8').send('The web UI is not built: run `npm run build`.\n');
    }
  }

  @Get('assets/:file')
  async asset(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const type = TYPES[extname(file)];
    if (!/^[\w.-]+$/.test(file) || !type) {
      await reply.code(404).send();
      return;
    }
    let body = this.assets.get(file);
    if (!body) {
      try {
        body = await readFile(join(this.dir, 'assets', file));
      } catch {
        await reply.code(404).send();
        return;
      }
      this.assets.set(file, body);
    }
    await reply.header('cache-control', 'public, max-age=31536000, immutable').type(type).send(body);
  }
}
