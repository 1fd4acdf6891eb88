import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { Type } from '@nestjs/common';
import type { AnyAdminRoute } from '@fleet/contracts';
import { routeOf } from './endpoint.decorator';

export interface AdminRoute {
  readonly method: string;
  /** Full path with Fastify-style parameters, e.g. `/api/v1/fleet/hosts/:id`. */
  readonly path: string;
  readonly controller: string;
  readonly handler: string;
  /** The handler's route declaration (`@Endpoint`); absent for handlers declared the old way. */
  readonly contract?: AnyAdminRoute;
}

const join = (...parts: string[]): string => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

/**
 * Every route the given controllers register, read from Nest's own routing metadata, so tests and the
 * OpenAPI document see exactly what the router serves.
 */
export function adminRoutes(controllers: readonly Type[]): AdminRoute[] {
  const out: AdminRoute[] = [];
  for (const c of controllers) {
    const bases = [Reflect.getMetadata(PATH_METADATA, c) as string | string[]].flat();
    const proto = c.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const fn = proto[name];
      if (name === 'constructor' || typeof fn !== 'function') continue;
      const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      if (sub === undefined || method === undefined) continue;
      const contract = routeOf(fn);
      for (const base of bases) {
        for (const s of [sub].flat()) out.push({ method: RequestMethod[method], path: join(base, s), controller: c.name, handler: name, ...(contract ? { contract } : {}) });
      }
    }
  }
  return out;
}
