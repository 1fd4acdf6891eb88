import { Alert, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Loaded } from '../api/use-api';

/** The loader, the error, or the content once the data arrived. */
export function LoadState<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  if (state.error) return <Alert color="red" title="Could not load">{state.error}</Alert>;
  if (state.loading && state.data === null) return <Loader />;
  return state.data === null ? null : <>{children(state.data)}</>;
}
