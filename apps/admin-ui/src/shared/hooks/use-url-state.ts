import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** How one query-string parameter is read: its value, or the default when absent or not acceptable. */
export interface ParamSpec<T extends string | number> {
  readonly fallback: T;
  read(raw: string | null): T;
}

/** Text as typed ('' when absent). */
export const text = (fallback = ''): ParamSpec<string> => ({ fallback, read: (raw) => raw ?? fallback });

/** One of the given values. */
export const oneOf = <const V extends string>(values: readonly V[], fallback: V): ParamSpec<V> =>
  ({ fallback, read: (raw) => (values.includes(raw as V) ? (raw as V) : fallback) });

/** A non-negative integer, optionally one of `allowed`. */
export const int = (fallback: number, allowed?: readonly number[]): ParamSpec<number> => ({
  fallback,
  read: (raw) => {
    const n = raw !== null && /^\d+$/.test(raw) ? Number(raw) : NaN;
    return Number.isSafeInteger(n) && (!allowed || allowed.includes(n)) ? n : fallback;
  },
});

/** A numeric id kept as the API's string ('' when absent). */
export const id = (): ParamSpec<string> => ({ fallback: '', read: (raw) => (raw !== null && /^\d+$/.test(raw) ? raw : '') });

type Specs = Record<string, ParamSpec<string | number>>;
export type UrlState<S extends Specs> = { -readonly [K in keyof S]: S[K]['fallback'] };

/** The state of `params` by `specs`, as `useUrlState` reads it (also outside React: app/route-prefetch.ts). */
export function readUrlState<S extends Specs>(specs: S, params: URLSearchParams): UrlState<S> {
  return Object.fromEntries(Object.entries(specs).map(([k, spec]) => [k, spec.read(params.get(k))])) as UrlState<S>;
}

/**
 * A page's filters, sorting and paging kept in the URL's query string, so a reload, the back button and a
 * shared link show the same view. Each parameter has a spec (`text`, `oneOf`, `int`, `id`): a hand-edited
 * URL never breaks the page, it falls back to the default. `update` writes a patch and drops values equal to
 * their default so URLs stay short; history gets a new entry only with `push`. Other parameters are kept.
 */
export function useUrlState<S extends Specs>(specs: S) {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readUrlState(specs, params), [specs, params]);
  const update = useCallback((patch: Partial<UrlState<S>>, options: { push?: boolean } = {}) => {
    // From the address bar, not the render's `current`: two updates before the next render (a filter, then the
    // page reset by another control) must both be kept, and BrowserRouter writes the URL at once.
    setParams(() => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === '' || value === specs[key]?.fallback) next.delete(key);
        else next.set(key, String(value));
      }
      return next;
    }, { replace: !options.push });
  }, [setParams, specs]);
  return [state, update] as const;
}
