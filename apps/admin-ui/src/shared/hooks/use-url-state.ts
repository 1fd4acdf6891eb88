import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

type Flat = Record<string, string | number | boolean | undefined>;

/**
 * A page's filters, sorting and paging kept in the URL's query string, so a reload, the back button and a
 * shared link show the same view. `schema` reads the parameters (each field with a `.catch()` default, so a
 * hand-edited URL never breaks the page); `update` writes a patch, dropping values equal to the defaults
 * (`schema.parse({})`) so URLs stay short. History gets a new entry only when `push` is set.
 */
export function useUrlState<S extends z.ZodType<Flat>>(schema: S) {
  const [params, setParams] = useSearchParams();
  const defaults = useMemo(() => schema.parse({}), [schema]);
  const state = useMemo(() => schema.parse(Object.fromEntries(params.entries())), [schema, params]);
  const update = useCallback((patch: Partial<z.output<S>>, options: { push?: boolean } = {}) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === '' || value === defaults[key]) next.delete(key);
        else next.set(key, String(value));
      }
      return next;
    }, { replace: !options.push });
  }, [setParams, defaults]);
  return [state, update] as const;
}
