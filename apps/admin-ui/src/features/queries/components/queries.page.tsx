import { Anchor, Button, Stack } from '@mantine/core';
import { useTable } from '@tanstack/react-table';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import type { SavedQuery } from '../api/queries.api';
import { useSavedQueries } from '../hooks/use-queries';

const col = columnsFor<SavedQuery>();
const COLUMNS = col.columns([
  col.accessor('name', { header: 'Name', cell: (c) => <Anchor component={Link} to={`/queries/${c.row.original.id}`}>{c.getValue()}</Anchor> }),
  col.accessor('description', { header: 'Description', enableSorting: false }),
  col.accessor('interval', { header: 'Interval', cell: (c) => (c.getValue() ? `${c.getValue()} s` : 'not scheduled') }),
  col.accessor('platform', { header: 'Platform', cell: (c) => c.getValue() || 'all' }),
  col.display({
    id: 'run', header: () => <span>Run</span>, meta: { label: 'Run' },
    cell: (c) => <Anchor component={Link} to={`/live-query?sql=${encodeURIComponent(c.row.original.query)}`} aria-label={`Run ${c.row.original.name}`}>Run</Anchor>,
  }),
]);
const NONE: SavedQuery[] = [];

/** Saved queries: a name opens its editor, "Run" opens the live query page with its SQL. */
export default function QueriesPage() {
  const list = useSavedQueries({ per_page: '500', page: '0', order_key: 'name' });
  const table = useTable({ features, columns: COLUMNS, data: list.data?.queries ?? NONE, getRowId: (q) => String(q.id) });
  return (
    <Stack>
      <PageHeader title="Queries" actions={<Button component={Link} to="/queries/new">New query</Button>} />
      {list.error ? <LoadError error={list.error} what="queries" /> : list.isPending ? <TableSkeleton /> : (
        <DataTable table={table} label="Saved queries" empty={<Empty title="No saved queries yet">Save a query to schedule it or run it again later.</Empty>} />
      )}
    </Stack>
  );
}
