import { useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { labelsApi } from '../api/labels.api';
import type { CreateLabelBody, ModifyLabelBody } from '../api/labels.api';

/** Every label (built-in first, as the server orders them), with host counts; cached a minute. */
export function useLabels() {
  return useQuery({ queryKey: queryKeys.labels.list, queryFn: ({ signal }) => labelsApi.list(signal), staleTime: 60_000, select: (r) => r.labels });
}

/** The labels page's list: fresh on every visit and every 10 s, so host counts follow the hosts' answers. */
export function useLabelList() {
  return useQuery({ queryKey: queryKeys.labels.list, queryFn: ({ signal }) => labelsApi.list(signal), select: (r) => r.labels, refetchInterval: 10_000 });
}

export function useLabel(id: number | null) {
  return useQuery({ queryKey: queryKeys.labels.detail(id ?? 0), queryFn: ({ signal }) => labelsApi.get(id ?? 0, signal), enabled: id !== null });
}

export function useLabelHosts(id: number | null) {
  return useQuery({
    queryKey: queryKeys.labels.hosts(id ?? 0), queryFn: ({ signal }) => labelsApi.hosts(id ?? 0, signal), enabled: id !== null, refetchInterval: 10_000,
  });
}

const INVALIDATES = [queryKeys.labels.all, queryKeys.hosts.all, queryKeys.activities.all];

export function useCreateLabel() {
  return useMutation({ mutationFn: (body: CreateLabelBody) => labelsApi.create(body), meta: { invalidates: INVALIDATES, success: 'Label created', failure: false } });
}

export function useModifyLabel(id: number) {
  return useMutation({
    mutationFn: (body: ModifyLabelBody) => labelsApi.modify(id, body), meta: { invalidates: INVALIDATES, success: 'Label saved', failure: false },
  });
}

export function useDeleteLabel() {
  return useMutation({
    mutationFn: (id: number) => labelsApi.delete(id),
    meta: {
      invalidates: INVALIDATES, success: 'Label deleted', failure: 'Could not delete the label',
      deletes: (id) => [queryKeys.labels.detail(id as number)],
    },
  });
}
