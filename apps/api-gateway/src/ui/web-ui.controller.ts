import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FLEET_CONFIG } from '@fleet/config';
import type { FleetConfig } from '@fleet/config';
import { UserRepository } from '@fleet/persistence';
import { AssetCache, pickEncoding } from './web-ui.assets';
import type { Asset } from './web-ui.assets';

/** The built UI's files (dist/admin-ui); tests provide a folder of their own. */
export const WEB_UI_FILES = Symbol('WEB_UI_FILES');

/** Files at the UI's root that browsers ask for by name (not hashed, so cached for a day only). */
const ROOT_FILES = ['favicon.ico', 'favicon.svg'] as const;

/**
 * index.html for a server under `server.url_prefix`: asset paths get the prefix, and a meta tag tells the
 * UI where the API and its own pages live.
 */
export function withUrlPrefix(html: string, prefix: string): string {
  const safe = prefix.replace(/[^\w/.-]/g, '');
  const meta = `<meta name="fleet-url-prefix" content="${safe}" />`;
  return html.replace(/(src|href)="\/(assets\/|favicon\.)/g, `$1="${safe}/$2`).replace('</head>', `    ${meta}\n  </head>`);
}

/**
 * Paths under the prefix that are never UI pages: the admin API and the agent API (`/api/...`) and the
 * built assets. An unknown one keeps the JSON 404 the router gives any unknown route.
 */
export function isReservedPath(path: string): boolean {
  return /^\/(?:api|assets)(?:\/|$)/.test(path);
}

/**
 * The web UI (apps/admin-ui, built by Vite into dist/admin-ui), served by the api role under
 * `server.url_prefix`. Every other GET path under the prefix (`/dashboard`, `/hosts/manage`, `/hosts/12/software`)
 * answers index.html, so the browser's router shows the page; index.html is never cached, so a new release
 * shows at the next load. Assets carry a content hash: cached for a year, sent brotli- or gzip-compressed as
 * the build wrote them (the `Vary` header keeps caches honest). As Fleet does, every page redirects to /setup
 * while no user exists, and /setup redirects to /login once one does.
 */
@Controller()
export class WebUiController {
  /** Set once a user exists; from then on no page asks MySQL (users are not all deleted in a running fleet). */
  private setUp = false;

  constructor(
    @Inject(FLEET_CONFIG) private readonly config: FleetConfig,
    @Inject(WEB_UI_FILES) private readonly files: AssetCache,
    private readonly users: UserRepository,
  ) {}

  @Get('assets/:file')
  async asset(@Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.send(await this.files.get(`assets/${file}`), req, reply, 'public, max-age=31536000, immutable');
  }

  @Get([...ROOT_FILES])
  async rootFile(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const name = req.url.split('?')[0]?.split('/').pop() ?? '';
    await this.send(await this.files.get(name), req, reply, 'public, max-age=86400');
  }

  @Get(['/', '*'])
  async page(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const path = req.url.split('?')[0]?.slice(this.config.server.url_prefix.length) ?? '/';
    if (isReservedPath(path)) throw new NotFoundException(`Cannot ${req.method} ${req.url}`);
    const setupPage = path === '/setup' || path.startsWith('/setup/');
    const pending = await this.setupPending();
    if (pending !== setupPage) {
      await reply.redirect(`${this.config.server.url_prefix}${pending ? '/setup' : '/login'}`, 302);
      return;
    }
    const index = await this.files.indexHtml();
    if (index === null) {
      await reply.code(404).type('text/plain; charset=utf-8').send('The web UI is not built: run `npm run build`.\n');
      return;
    }
    await reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(withUrlPrefix(index, this.config.server.url_prefix));
  }

  /** Whether no user exists yet. MySQL unreachable: false, so the page is served and the API says what is wrong. */
  private async setupPending(): Promise<boolean> {
    if (this.setUp) return false;
    try {
      this.setUp = (await this.users.count()) > 0;
      return !this.setUp;
    } catch {
      return false;
    }
  }

  private async send(asset: Asset | null, req: FastifyRequest, reply: FastifyReply, cacheControl: string): Promise<void> {
    if (!asset) {
      await reply.code(404).send();
      return;
    }
    const encoding = pickEncoding(req.headers['accept-encoding'], new Set(asset.bodies.keys()));
    if (encoding !== 'identity') void reply.header('content-encoding', encoding);
    if (asset.bodies.size > 1) void reply.header('vary', 'accept-encoding');
    await reply.header('cache-control', cacheControl).type(asset.type).send(asset.bodies.get(encoding));
  }
}
