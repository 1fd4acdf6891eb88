import { Anchor, Card, Stack, TextInput } from '@mantine/core';
import { useTable } from '@tanstack/react-table';
import type { SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { Pager } from '../../../shared/components/pager';
import { RelativeTime } from '../../../shared/components/relative-time';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import type { HostDetail } from '../api/hosts.api';

type Software = HostDetail['software'][number];
const col = columnsFor<Software>();
const COLUMNS = col.columns([
  col.accessor('name', { header: 'Name', sortFn: 'text', cell: (c) => <Anchor component={Link} to={`/hosts/manage?software_id=${c.row.original.id}`} aria-label={`Hosts with ${c.getValue()} ${c.row.original.version}`}>{c.getValue()}</Anchor> }),
  col.accessor('version', { header: 'Version', sortFn: 'alphanumeric' }),
  col.accessor('source', { header: 'Type', sortFn: 'text' }),
  col.accessor((s) => s.last_opened_at ?? '', { id: 'last_opened_at', header: 'Last opened', sortFn: 'text', cell: (c) => (c.getValue() ? <RelativeTime value={c.getValue()} /> : '—') }),
]);
const PER_PAGE = 50;

/** The host's software inventory: searchable by name, version or type, sortable by any column, 50 a page. */
export function HostSoftwareTab({ host }: { host: HostDetail }) {
  const [search, setSearch] = useState('');
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const [page, setPage] = useState(0);
  const matching = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? host.software.filter((s) => `${s.name} ${s.version} ${s.source}`.toLowerCase().includes(q)) : host.software;
  }, [host.software, search]);
  const table = useTable({ features, columns: COLUMNS, data: matching, getRowId: (s) => String(s.id), state: { sorting }, onSortingChange: setSorting });
  const rows = table.getRowModel().rows;
  const shown = useMemo(() => rows.slice(page * PER_PAGE, (page + 1) * PER_PAGE), [rows, page]);
  if (host.software.length === 0) return <Card withBorder><Empty title="No software reported">The host sends its software inventory when software collection is on.</Empty></Card>;
  return (
    <Stack>
      <TextInput aria-label="Search software" placeholder="Search name, version or type" value={search} type="search" maw={360}
        onChange={(e) => { setSearch(e.currentTarget.value); setPage(0); }} />
      <Card withBorder padding={0}>
        <DataTable table={table} rows={shown} label="Software" testId="host-software" empty={<Empty title="No software matches the search" />} />
      </Card>
      <Pager page={page} perPage={PER_PAGE} total={matching.length} onPage={setPage} label="Software pages" />
    </Stack>
  );
}
