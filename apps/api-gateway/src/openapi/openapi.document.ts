import { z } from 'zod';
import type { AnyAdminRoute } from '@fleet/contracts';
import type { AdminRoute } from '../http/route-inventory';
import { ROUTE_CONTRACTS } from './route-contracts';
import type { RouteContract } from './route-contracts';

type Json = Record<string, unknown>;

const VERSIONED = /^\/api\/(v1|2022-04|latest)\/fleet(\/.*)?$/;

/** The ROUTE_CONTRACTS key of a registered route: relative to the fleet prefix, or the full path. */
export function contractKey(r: AdminRoute): string {
  const m = VERSIONED.exec(r.path);
  return `${r.method} ${m ? m[2] ?? '/' : r.path}`;
}

/** The routes the document describes: one version prefix (`latest`) plus the unversioned setup routes. */
export function documentedRoutes(routes: readonly AdminRoute[]): AdminRoute[] {
  return routes.filter((r) => !VERSIONED.test(r.path) || r.path.startsWith('/api/latest/'));
}

const schema = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
};

const ERROR = { description: 'Fleet error body', content: { 'application/json': { schema: schema(
  z.object({ message: z.string(), errors: z.array(z.object({ name: z.string(), reason: z.string() })), uuid: z.string().optional() }), 'output') } } };

/** The permission a route needs, in words, for its description. */
function permissionText(c: AnyAdminRoute): string {
  const p = c.permission;
  if (typeof p === 'string') return { public: 'No sign-in needed.', authenticated: 'Any signed-in user.', creator: 'Only the user who created it.' }[p];
  const on = { global: 'a global object', team: "the object's team", any: 'rows of the teams where the caller holds a qualifying role' }[p.on];
  return `Permission \`${p.action}\` on ${on} (Fleet's role matrix).`;
}

/** A declared route's contracts in the shape the document builder reads. */
function fromDeclaration(c: AnyAdminRoute): RouteContract & { readonly description: string; readonly public: boolean } {
  const response = c.response === 'empty' ? undefined : (c.response as z.ZodType | 'csv' | 'html');
  return { summary: c.summary, query: c.query as z.ZodType | undefined, body: c.body as z.ZodType | undefined, response, public: c.permission === 'public',
    description: [c.description, permissionText(c)].filter(Boolean).join('\n\n') };
}

function operation(r: AdminRoute, contract: (RouteContract & { readonly description?: string; readonly public?: boolean }) | undefined): Json {
  const pathParams = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const queryProps = contract?.query ? ((schema(contract.query, 'input')['properties'] ?? {}) as Json) : {};
  const queryParams = Object.entries(queryProps).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
  const response = contract?.response;
  const ok = response === 'csv'
    ? { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }
    : response === 'html'
      ? { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }
      : { description: 'OK', content: { 'application/json': { schema: response ? schema(response, 'output') : { type: 'object' } } } };
  const isPublic = contract?.public === true || r.path.includes('/setup') || r.path.endsWith('/login');
  return {
    operationId: `${r.controller}.${r.handler}`, summary: contract?.summary ?? r.handler,
    ...(contract?.description ? { description: contract.description } : {}),
    ...(pathParams.length + queryParams.length ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(contract?.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(contract.body, 'input') } } } } : {}),
    responses: { 200: ok, 400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR, 422: ERROR },
    ...(isPublic ? { security: [] } : {}),
  };
}

/**
 * The OpenAPI 3.1 document of the admin API, built from the registered routes and the zod contracts that
 * validate them, so it describes exactly what the router serves.
 */
export function buildOpenApiDocument(routes: readonly AdminRoute[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of documentedRoutes(routes)) {
    const p = r.path.replace(/:(\w+)/g, '{$1}');
    paths[p] = { ...(paths[p] ?? {}), [r.method.toLowerCase()]: operation(r, r.contract ? fromDeclaration(r.contract) : ROUTE_CONTRACTS[contractKey(r)]) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Fleet admin API', version, description: "Fleet's REST API; every path is also served under /api/v1/fleet and /api/2022-04/fleet." },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
