import { Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTable } from '@tanstack/react-table';
import type { SortingState } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { text, useUrlState } from '../../../shared/hooks/use-url-state';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import type { SavedQuery } from '../api/queries.api';
import { useSavedQueries } from '../hooks/use-queries';

const PLATFORM_NAMES: Record<string, string> = { darwin: 'macOS', linux: 'Linux', windows: 'Windows', chrome: 'ChromeOS' };
const platforms = (p: string) => (p ? p.split(',').map((x) => PLATFORM_NAMES[x.trim()] ?? x.trim()).join(', ') : 'All');
const every = (s: number) => (s % 86400 === 0 ? `${s / 86400} d` : s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);

const col = columnsFor<SavedQuery>();
const COLUMNS = col.columns([
  col.accessor('name', { header: 'Name', cell: (c) => <Anchor component={Link} to={`/queries/${c.row.original.id}`}>{c.getValue()}</Anchor> }),
  col.accessor('description', { header: 'Description', enableSorting: false }),
  col.accessor('interval', { header: 'Frequency', cell: (c) => (c.getValue() ? `every ${every(c.getValue())}` : 'not scheduled') }),
  col.accessor('platform', { header: 'Platform', cell: (c) => platforms(c.getValue()) }),
  col.accessor('observer_can_run', { header: 'Observers can run', cell: (c) => (c.getValue() ? 'yes' : 'no') }),
  col.display({
    id: 'actions', header: () => <span>Actions</span>, meta: { label: 'Actions' },
    cell: (c) => (
      <Group gap="sm" wrap="nowrap">
        <Anchor component={Link} to={`/live-query?sql=${encodeURIComponent(c.row.original.query)}`} aria-label={`Run ${c.row.original.name}`}>Run</Anchor>
        <Anchor component={Link} to={`/queries/${c.row.original.id}/report`} aria-label={`Report of ${c.row.original.name}`}>Report</Anchor>
      </Group>
    ),
  }),
]);
const NONE: SavedQuery[] = [];
const SPECS = { query: text() };

/** Saved queries, searched by name (in the URL): a name opens its editor, "Run" the live query page, "Report" its stored results. */
export default function QueriesPage() {
  const [url, update] = useUrlState(SPECS);
  const [typed, setTyped] = useState(url.query);
  const [search] = useDebouncedValue(typed.trim(), 250);
  useEffect(() => { update({ query: search }); }, [search, update]);
  const list = useSavedQueries({ per_page: '500', page: '0', order_key: 'name', query: url.query || undefined });
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const table = useTable({ features, columns: COLUMNS, data: list.data?.queries ?? NONE, getRowId: (q) => String(q.id), state: { sorting }, onSortingChange: setSorting });
  return (
    <Stack>
      <PageHeader title="Queries" description="Saved queries: run them live, schedule them, read their reports."
        actions={<Button component={Link} to="/queries/new">New query</Button>} />
      <TextInput aria-label="Search queries" placeholder="Search by name" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} maw={360} />
      {list.error ? <LoadError error={list.error} what="queries" /> : list.isPending ? <TableSkeleton /> : (
        <DataTable table={table} label="Saved queries" testId="queries-table" busy={list.isFetching}
          empty={url.query ? <Empty title={`No query matches “${url.query}”`}>Try another name.</Empty>
            : <Empty title="No saved queries yet">Save a query to schedule it or run it again later.</Empty>} />
      )}
    </Stack>
  );
}
