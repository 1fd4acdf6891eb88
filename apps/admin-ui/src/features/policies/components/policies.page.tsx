import { Anchor, Stack } from '@mantine/core';
import { useTable } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { ToneBadge } from '../../../shared/components/status-badge';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import type { SortingState } from '@tanstack/react-table';
import type { Policy } from '../api/policies.api';
import { usePolicies } from '../hooks/use-policies';

const col = columnsFor<Policy>();
const hostsLink = (p: Policy, response: 'passing' | 'failing', n: number) => (
  <Anchor component={Link} to={`/hosts/manage?policy_id=${p.id}&policy_response=${response}`} aria-label={`${n} hosts ${response} ${p.name}`}>{n}</Anchor>
);
const COLUMNS = col.columns([
  col.accessor('name', { header: 'Name', sortFn: 'text', cell: (c) => <>{c.getValue()} {c.row.original.critical && <ToneBadge tone="red" size="xs">critical</ToneBadge>}</> }),
  col.accessor('passing_host_count', { header: 'Passing', meta: { numeric: true }, cell: (c) => hostsLink(c.row.original, 'passing', c.getValue()) }),
  col.accessor('failing_host_count', { header: 'Failing', meta: { numeric: true }, cell: (c) => hostsLink(c.row.original, 'failing', c.getValue()) }),
]);
const NONE: Policy[] = [];

/** Global policies with how many hosts pass and fail them; each count opens those hosts. */
export default function PoliciesPage() {
  const list = usePolicies(null);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'failing_host_count', desc: true }]);
  const table = useTable({ features, columns: COLUMNS, data: list.data ?? NONE, getRowId: (p) => String(p.id), state: { sorting }, onSortingChange: setSorting });
  return (
    <Stack>
      <PageHeader title="Policies" description="Yes/no questions every host answers; a failing host is one that answered no." />
      {list.error ? <LoadError error={list.error} what="policies" /> : list.isPending ? <TableSkeleton /> : (
        <DataTable table={table} label="Policies" empty={<Empty title="No policies yet">Policies are added with fleetctl apply or the API.</Empty>} />
      )}
    </Stack>
  );
}
