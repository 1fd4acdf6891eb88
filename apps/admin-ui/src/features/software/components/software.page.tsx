import { Anchor, Button, Card, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useTable } from '@tanstack/react-table';
import type { SortingState, Updater } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { Pager } from '../../../shared/components/pager';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { ToneBadge } from '../../../shared/components/status-badge';
import { id, int, oneOf, text, useUrlState } from '../../../shared/hooks/use-url-state';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import type { SoftwareTitle } from '../api/software.api';
import { useSoftwareTitles } from '../hooks/use-software';
import { SearchBox, SoftwareNav, TeamSelect, teamQuery } from './software-parts';

const URL_STATE = {
  page: int(0), per_page: int(50, [25, 50, 100]), order_key: oneOf(['hosts_count', 'name'], 'hosts_count'), order_direction: oneOf(['asc', 'desc'], 'desc'),
  query: text(), vulnerable: oneOf(['', 'true'], ''), team_id: id(),
};
const NONE: SoftwareTitle[] = [];
const col = columnsFor<SoftwareTitle>();
const apply = <T,>(u: Updater<T>, old: T): T => (typeof u === 'function' ? (u as (o: T) => T)(old) : u);
const cveCount = (t: SoftwareTitle) => new Set(t.versions.flatMap((v) => v.vulnerabilities ?? [])).size;

/**
 * Software titles installed on the fleet (or one team), each with its versions, hosts and CVEs: search by name
 * or CVE, "vulnerable only", server-side sorting by name or hosts and paging, all kept in the URL.
 */
export default function SoftwarePage() {
  const [view, update] = useUrlState(URL_STATE);
  const list = useSoftwareTitles({
    page: String(view.page), per_page: String(view.per_page), order_key: view.order_key, order_direction: view.order_direction,
    query: view.query, team_id: view.team_id, ...(view.vulnerable ? { vulnerable: 'true' } : {}),
  });
  const columns = useMemo(() => col.columns([
    col.accessor('name', {
      header: 'Name', meta: { required: true },
      cell: (c) => <Anchor component={Link} to={`/software/titles/${c.row.original.id}${teamQuery(view.team_id)}`}>{c.getValue()}</Anchor>,
    }),
    col.accessor('source', { header: 'Type', enableSorting: false }),
    col.accessor('versions', {
      header: 'Versions', enableSorting: false,
      cell: (c) => {
        const v = c.getValue();
        return v.length === 1 ? v[0]?.version : `${v.length} versions`;
      },
    }),
    col.display({
      id: 'vulnerabilities', header: 'Vulnerabilities', meta: { numeric: true },
      cell: (c) => {
        const n = cveCount(c.row.original);
        return n === 0 ? <Text span size="sm" c="dimmed">0</Text> : <ToneBadge tone="red" size="sm">{n} CVE{n === 1 ? '' : 's'}</ToneBadge>;
      },
    }),
    col.accessor('hosts_count', { header: 'Hosts', meta: { numeric: true }, cell: (c) => c.getValue().toLocaleString() }),
  ]), [view.team_id]);
  const sorting: SortingState = useMemo(() => [{ id: view.order_key, desc: view.order_direction === 'desc' }], [view.order_key, view.order_direction]);
  const table = useTable({
    features, columns, data: list.data?.software_titles ?? NONE, getRowId: (t) => String(t.id), manualSorting: true, enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (u) => {
      const next = apply(u, sorting)[0];
      if (next && (next.id === 'name' || next.id === 'hosts_count')) update({ order_key: next.id, order_direction: next.desc ? 'desc' : 'asc', page: 0 });
    },
  });
  const total = list.data?.count ?? 0;
  const filtered = Boolean(view.query || view.vulnerable);
  return (
    <Stack>
      <PageHeader title="Software" description={list.data ? `${total.toLocaleString()} ${filtered ? 'matching ' : ''}title${total === 1 ? '' : 's'}` : ' '} />
      <SoftwareNav teamId={view.team_id} />
      <Group align="center" wrap="wrap">
        <SearchBox label="Search software" placeholder="Search name or CVE" value={view.query} onSearch={(query) => update({ query, page: 0 })} />
        <TeamSelect value={view.team_id} onChange={(team_id) => update({ team_id, page: 0 })} />
        <Checkbox label="Vulnerable only" checked={view.vulnerable === 'true'} onChange={(e) => update({ vulnerable: e.currentTarget.checked ? 'true' : '', page: 0 })} />
      </Group>
      {list.error ? <LoadError error={list.error} what="software" /> : list.isPending ? <TableSkeleton rows={10} /> : (
        <Card withBorder padding={0}>
          <DataTable table={table} label="Software" testId="software-table" busy={list.isPlaceholderData} minWidth={640}
            empty={filtered
              ? <Empty title="No software matches these filters" action={<Button variant="subtle" onClick={() => update({ query: '', vulnerable: '', page: 0 })}>Clear filters</Button>} />
              : <Empty title="No software yet">Hosts report their software inventory when software collection is on.</Empty>} />
        </Card>
      )}
      <Pager page={view.page} perPage={view.per_page} total={total} label="Software pages"
        onPage={(page) => update({ page }, { push: true })} onPerPage={(per_page) => update({ per_page, page: 0 })} />
    </Stack>
  );
}
