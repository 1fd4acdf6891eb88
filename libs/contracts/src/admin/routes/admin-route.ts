import type { z } from 'zod';
import type { Action, RoleName } from '@fleet/domain';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Fleet serves its REST API under three prefixes: /api/v1/fleet, /api/2022-04/fleet and /api/latest/fleet. */
export const API_VERSIONS = ['v1', '2022-04', 'latest'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/**
 * Who may call a route. Most routes are one permission of Fleet's role matrix (`POLICY` in @fleet/domain)
 * checked on a target: `global` (a global object; team roles qualify only where the rule says
 * `teamOnGlobal`), `team` (an object of one team, named by the route: its id, a body field or the object's
 * own team), or `any` (a list filtered by team: any role that qualifies somewhere may call it). The rest are
 * rules of their own: `public` (no sign-in: login, setup), `authenticated` (any signed-in user: own profile,
 * own password, logout) and `creator` (only the user who created the object: a live-query campaign).
 */
export type RoutePermission =
  | { readonly action: Action; readonly on: 'global' | 'team' | 'any' }
  | 'public'
  | 'authenticated'
  | 'creator';

/** One call of a route: path parameters, query string and JSON body. */
export interface RouteCall {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, string | number | boolean>>;
  readonly body?: unknown;
}

/**
 * What a route's example may ask for when it is called in tests (the role matrix calls every route as every
 * role): fresh objects made on demand. `own` objects belong to team A, where the "own team" users hold their
 * role; `global` ones to no team. Implemented by the admin API's test kit.
 */
export interface RouteFixtures {
  /** Team A's id. */
  readonly teamA: number;
  /** A name no other call used, starting with `prefix`. */
  unique(prefix: string): string;
  host(options?: { readonly team?: 'own' | 'none'; readonly online?: boolean }): Promise<{ readonly id: number; readonly uuid: string; readonly hostname: string }>;
  team(): Promise<{ readonly id: number; readonly name: string }>;
  /** Team A itself (a team spec names its team). */
  ownTeam(): Promise<{ readonly id: number; readonly name: string }>;
  /** A user: a global observer by default; `globalRole: null` with or without a role on team A. */
  user(options?: { readonly globalRole?: RoleName | null; readonly teamRole?: RoleName }): Promise<{ readonly id: number }>;
  /** A session of a user other than the caller. */
  session(): Promise<{ readonly id: number }>;
  label(): Promise<{ readonly id: number; readonly name: string }>;
  /** A manual label (members set by hand, never by agents). */
  manualLabel(): Promise<{ readonly id: number; readonly name: string }>;
  query(options: { readonly team: 'own' | 'global' }): Promise<{ readonly id: number; readonly name: string }>;
  policy(options: { readonly team: 'own' | 'global' }): Promise<{ readonly id: number }>;
  /** A software version installed on a host of team A. */
  software(): Promise<{ readonly id: number }>;
  /** A software title with a version installed on a host of team A. */
  softwareTitle(): Promise<{ readonly id: number }>;
  /** A CVE found on software of a host of team A. */
  vulnerability(): Promise<{ readonly cve: string }>;
  /** An operating system version of a host of team A. */
  osVersion(): Promise<{ readonly id: number }>;
  pack(): Promise<{ readonly id: number; readonly name: string }>;
  /** A query scheduled in a pack. */
  scheduledQuery(): Promise<{ readonly id: number }>;
  /** A file carve of a host of team A, its first block (`data`) received. */
  carve(): Promise<{ readonly id: number }>;
  /** A pending invite (a global observer's) with a token nobody knows. */
  invite(): Promise<{ readonly id: number }>;
  /** A live-query campaign created by another admin (optionally already stopped). */
  campaign(options: { readonly stopped: boolean }): Promise<{ readonly id: number }>;
}

type Schema = z.ZodType;

/**
 * The one declaration of an admin route: method and path, the zod schemas of what it reads and answers, the
 * permission it needs and its documentation. The admin API registers its handler from it (validation, status
 * code, every version prefix), the OpenAPI document and the role-matrix test are generated from it, and the
 * web UI, fleetctl and the typed test client call the route through it.
 */
export interface AdminRoute<P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined, R extends Schema | 'csv' | 'empty' | 'html' = Schema | 'csv' | 'empty' | 'html'> {
  readonly method: HttpMethod;
  /** Relative to `/api/{version}/fleet` (`/teams/:id`), or the full path when `absolute`. */
  readonly path: string;
  readonly absolute?: boolean;
  /** Prefixes the route is served under; all three by default. */
  readonly versions?: readonly ApiVersion[];
  /** Path parameters; a failure answers 400 with the first reason (Fleet's badRequest). */
  readonly params?: P;
  /** Query string; a failure answers 400 with the first reason. */
  readonly query?: Q;
  /** JSON body; a failure answers 422 "Validation Failed" with one entry per field. */
  readonly body?: B;
  /** Success body: a schema, `csv` for a text/csv attachment, `empty` for Fleet's `{}`, `html` for a page (the SSO callback). */
  readonly response: R;
  /** Success status; 200 unless given (Fleet answers 200 even for most creations). */
  readonly status?: number;
  readonly permission: RoutePermission;
  /** Changes nothing although it is not a GET (a search with a body, a trigger): it records no activity. */
  readonly readOnly?: boolean;
  /** Still served to a user who must reset their password first (Fleet: /me, /logout, the reset itself). */
  readonly allowedDuringPasswordReset?: boolean;
  readonly summary: string;
  readonly description?: string;
  /** A typical call, built from fixtures; the role matrix makes it as every role, and OpenAPI tooling may show it. */
  readonly example: (f: RouteFixtures) => RouteCall | Promise<RouteCall>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route, whatever its schemas
export type AnyAdminRoute = AdminRoute<any, any, any, any>;

/** The parsed (output) type of an optional schema property; `undefined` when the route declares none. */
type Out<S> = [Exclude<S, undefined>] extends [never] ? undefined : Exclude<S, undefined> extends Schema ? z.output<Exclude<S, undefined>> : undefined;
/** The raw (input) type of an optional schema property. */
type In<S> = [Exclude<S, undefined>] extends [never] ? undefined : Exclude<S, undefined> extends Schema ? z.input<Exclude<S, undefined>> : undefined;

/** What a handler receives after validation. */
export interface RouteInput<R extends AnyAdminRoute> {
  readonly params: Out<R['params']>;
  readonly query: Out<R['query']>;
  readonly body: Out<R['body']>;
}

/** A value that may be read-only at any depth (domain records use readonly arrays). */
type DeepReadonly<T> = T extends (infer E)[] ? ReadonlyArray<DeepReadonly<E>> : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/**
 * What a handler returns: the response schema's input (its mappers' output), `{}` for `empty`, and for `csv`
 * the text or a stream of its pieces (a Node Readable is one), sent as it is produced.
 */
export type RouteResult<R extends AnyAdminRoute> = R['response'] extends Schema ? DeepReadonly<z.input<R['response']>> : R['response'] extends 'empty' ? Record<string, never> : string | AsyncIterable<string>;

/** What a client sends: raw params, query and body as the schemas accept them. */
export interface RouteRequest<R extends AnyAdminRoute> {
  readonly params: In<R['params']>;
  readonly query: In<R['query']>;
  readonly body: In<R['body']>;
}

/** What a client receives on success. */
export type RouteResponse<R extends AnyAdminRoute> = R['response'] extends Schema ? z.output<R['response']> : R['response'] extends 'empty' ? Record<string, never> : string;

/** Declares a route; the identity function, for inference. */
export function adminRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined,
  R extends Schema | 'csv' | 'empty' | 'html' = 'empty'>(route: AdminRoute<P, Q, B, R>): AdminRoute<P, Q, B, R> {
  return route;
}

/** The full paths a route is served at, with `:param` placeholders (before any `server.url_prefix`). */
export function routePaths(route: AnyAdminRoute): string[] {
  if (route.absolute) return [route.path];
  return (route.versions ?? API_VERSIONS).map((v) => `/api/${v}/fleet${route.path === '/' ? '' : route.path}`);
}

/** A route's path with its parameters filled in, for one version. */
export function routeUrl(route: AnyAdminRoute, params: Readonly<Record<string, string | number>> = {}, version: ApiVersion = 'latest'): string {
  const versions = route.versions ?? API_VERSIONS;
  const v = versions.includes(version) ? version : versions[versions.length - 1];
  const base = route.absolute ? route.path : `/api/${v}/fleet${route.path}`;
  return base.replace(/:(\w+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} of ${route.method} ${route.path}`);
    return encodeURIComponent(String(v));
  });
}
