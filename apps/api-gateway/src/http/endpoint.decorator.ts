import { HttpCode, RequestMapping, RequestMethod, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Caller } from '@fleet/auth';
import { routePaths } from '@fleet/contracts';
import type { AnyAdminRoute, RouteInput, RouteResult } from '@fleet/contracts';
import { parseBody, parseQuery } from './edge-parse';

/** Reflect-metadata key under which a handler keeps its route declaration. */
export const ADMIN_ROUTE = Symbol('ADMIN_ROUTE');

const METHODS: Record<AnyAdminRoute['method'], RequestMethod> = {
  GET: RequestMethod.GET, POST: RequestMethod.POST, PATCH: RequestMethod.PATCH, PUT: RequestMethod.PUT, DELETE: RequestMethod.DELETE,
};

/**
 * A handler of route R: `(caller, input)` plus any framework parameters after them (`@Res()` for a CSV).
 * Typing the input by R makes `@In() input: RouteInput<typeof otherRoute>` a compile error.
 */
type Handler<R extends AnyAdminRoute> = (caller: Caller, input: RouteInput<R>, ...rest: never[]) => Promise<RouteResult<R>> | RouteResult<R>;

/**
 * Serves a handler at its route declaration (libs/contracts): every version prefix, the method, the success
 * status, and the declaration kept as metadata for validation (`@In()`), the OpenAPI document and the role
 * matrix. The handler's return type must match the declared response, so a drift fails the type check.
 */
export function Endpoint<R extends AnyAdminRoute>(route: R) {
  return (target: object, key: string | symbol, descriptor: { value?: Handler<R> }): void => {
    const d = descriptor as TypedPropertyDescriptor<unknown>;
    RequestMapping({ path: routePaths(route), method: METHODS[route.method] })(target, key, d);
    HttpCode(route.status ?? 200)(target, key, d);
    SetMetadata(ADMIN_ROUTE, route)(target, key, d);
  };
}

/** The route declaration of a handler, or undefined for one declared the old way. */
export function routeOf(handler: unknown): AnyAdminRoute | undefined {
  return typeof handler === 'function' ? (Reflect.getMetadata(ADMIN_ROUTE, handler) as AnyAdminRoute | undefined) : undefined;
}

/**
 * The handler's validated input, per its declaration: path parameters and query string answer 400 with the
 * first reason, the body 422 with one entry per field (Fleet's badRequest and InvalidArgumentError).
 */
export const In = createParamDecorator(<R extends AnyAdminRoute>(_data: unknown, ctx: ExecutionContext): RouteInput<R> => {
  const route = routeOf(ctx.getHandler());
  if (!route) throw new Error(`@In() on a handler without @Endpoint: ${ctx.getClass().name}.${ctx.getHandler().name}`);
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  const { params, query, body } = route as { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
  const input: { params: unknown; query: unknown; body: unknown } = {
    params: params ? parseQuery(params, req.params) : undefined,
    query: query ? parseQuery(query, req.query) : undefined,
    body: body ? parseBody(body, req.body) : undefined,
  };
  return input as RouteInput<R>;
});
