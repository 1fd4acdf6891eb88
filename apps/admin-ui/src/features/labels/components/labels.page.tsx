import { Anchor, Button, Stack } from '@mantine/core';
import { labelRoutes } from '@fleet/contracts';
import { useTable } from '@tanstack/react-table';
import type { SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { confirmDestructive } from '../../../shared/components/confirm';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { ToneBadge } from '../../../shared/components/status-badge';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import { usePermissions } from '../../auth/hooks/use-permissions';
import type { Label } from '../api/labels.api';
import { useDeleteLabel, useLabelList } from '../hooks/use-labels';

const col = columnsFor<Label>();
const NONE: Label[] = [];
const KIND = (l: Label) => (l.label_type === 'builtin' ? 'built-in' : l.label_membership_type);

/**
 * Labels with how many hosts carry each (a count opens those hosts): built-in ones, dynamic ones (hosts whose
 * answer to the label's SQL has rows) and manual ones (hosts picked by hand). Global writers add, edit and delete.
 */
export default function LabelsPage() {
  const list = useLabelList();
  const { can } = usePermissions();
  const writable = can(labelRoutes.create);
  const remove = useDeleteLabel();
  const deleteLabel = remove.mutate;
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(() => {
    const askDelete = (l: Label) => confirmDestructive({
      title: 'Delete this label?', confirmLabel: 'Delete label',
      message: `"${l.name}" is removed from its ${l.host_count} hosts; live queries, packs and filters that use it lose it.`,
      onConfirm: () => deleteLabel(l.id),
    });
    return col.columns([
      col.accessor('name', {
        header: 'Name', sortFn: 'text',
        cell: (c) => <Anchor component={Link} to={`/labels/${c.row.original.id}`}>{c.getValue()}</Anchor>,
      }),
      col.accessor((l) => KIND(l), { id: 'kind', header: 'Type', sortFn: 'text', cell: (c) => <ToneBadge tone={c.getValue() === 'built-in' ? 'gray' : c.getValue() === 'dynamic' ? 'blue' : 'orange'} size="sm">{c.getValue()}</ToneBadge> }),
      col.accessor('platform', { header: 'Platform', enableSorting: false, cell: (c) => c.getValue() || 'all' }),
      col.accessor('host_count', {
        header: 'Hosts', meta: { numeric: true },
        cell: (c) => <Anchor component={Link} to={`/hosts/manage?label_id=${c.row.original.id}`} aria-label={`${c.getValue()} hosts labelled ${c.row.original.name}`}>{c.getValue()}</Anchor>,
      }),
      col.display({
        id: 'actions', header: () => <span>Actions</span>, meta: { label: 'Actions' },
        cell: (c) => (writable && c.row.original.label_type === 'regular' ? (
          <Button size="compact-xs" variant="subtle" color="red.9" c="red.9" onClick={() => askDelete(c.row.original)} aria-label={`Delete ${c.row.original.name}`}>Delete</Button>
        ) : null),
      }),
    ]);
  }, [writable, deleteLabel]);
  const table = useTable({ features, columns, data: list.data ?? NONE, getRowId: (l) => String(l.id), state: { sorting }, onSortingChange: setSorting });
  return (
    <Stack>
      <PageHeader title="Labels" description="Groups of hosts, by a query they answer (dynamic) or picked by hand (manual)."
        actions={writable ? <Button component={Link} to="/labels/new">Add label</Button> : undefined} />
      {list.error ? <LoadError error={list.error} what="labels" /> : list.isPending ? <TableSkeleton /> : (
        <DataTable table={table} label="Labels" testId="labels-table" minWidth={560} empty={<Empty title="No labels yet" />} />
      )}
    </Stack>
  );
}
