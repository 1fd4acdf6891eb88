import { Anchor, Button, Card, Checkbox, Group, Stack } from '@mantine/core';
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
import type { Vulnerability } from '../api/software.api';
import { useVulnerabilities } from '../hooks/use-software';
import { SearchBox, Severity, SoftwareNav, TeamSelect, day, epss, teamQuery } from './software-parts';

const ORDER_KEYS = ['hosts_count', 'cve', 'cvss_score', 'epss_probability', 'cve_published', 'created_at'] as const;
const URL_STATE = {
  page: int(0), per_page: int(50, [25, 50, 100]), order_key: oneOf(ORDER_KEYS, 'hosts_count'), order_direction: oneOf(['asc', 'desc'], 'desc'),
  query: text(), exploit: oneOf(['', 'true'], ''), team_id: id(),
};
const NONE: Vulnerability[] = [];
const col = columnsFor<Vulnerability>();
const apply = <T,>(u: Updater<T>, old: T): T => (typeof u === 'function' ? (u as (o: T) => T)(old) : u);

/**
 * CVEs found on the fleet's software and OS versions, with CVSS severity, EPSS probability, CISA's
 * known-exploited flag, publication date and affected hosts; search by CVE id, "known exploited only",
 * server-side sorting and paging, all kept in the URL.
 */
export default function VulnerabilitiesPage() {
  const [view, update] = useUrlState(URL_STATE);
  const list = useVulnerabilities({
    page: String(view.page), per_page: String(view.per_page), order_key: view.order_key, order_direction: view.order_direction,
    query: view.query, team_id: view.team_id, ...(view.exploit ? { exploit: 'true' } : {}),
  });
  const columns = useMemo(() => col.columns([
    col.accessor('cve', {
      header: 'CVE', meta: { required: true },
      cell: (c) => (
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/vulnerabilities/${c.getValue()}${teamQuery(view.team_id)}`}>{c.getValue()}</Anchor>
          {c.row.original.cisa_known_exploit && <ToneBadge tone="red" size="xs">KEV</ToneBadge>}
        </Group>
      ),
    }),
    col.accessor('cvss_score', { header: 'Severity (CVSS)', cell: (c) => <Severity score={c.getValue()} /> }),
    col.accessor('epss_probability', { header: 'EPSS', meta: { numeric: true }, cell: (c) => epss(c.getValue()) }),
    col.accessor('cve_published', { header: 'Published', cell: (c) => day(c.getValue()) }),
    col.accessor('hosts_count', { header: 'Hosts', meta: { numeric: true }, cell: (c) => c.getValue().toLocaleString() }),
  ]), [view.team_id]);
  const sorting: SortingState = useMemo(() => [{ id: view.order_key, desc: view.order_direction === 'desc' }], [view.order_key, view.order_direction]);
  const table = useTable({
    features, columns, data: list.data?.vulnerabilities ?? NONE, getRowId: (v) => v.cve, manualSorting: true, enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (u) => {
      const next = apply(u, sorting)[0];
      const key = ORDER_KEYS.find((k) => k === next?.id);
      if (next && key) update({ order_key: key, order_direction: next.desc ? 'desc' : 'asc', page: 0 });
    },
  });
  const total = list.data?.count ?? 0;
  const filtered = Boolean(view.query || view.exploit);
  return (
    <Stack>
      <PageHeader title="Vulnerabilities" description={list.data ? `${total.toLocaleString()} ${filtered ? 'matching ' : ''}CVE${total === 1 ? '' : 's'} on the fleet's software and OS versions` : ' '} />
      <SoftwareNav teamId={view.team_id} />
      <Group align="center" wrap="wrap">
        <SearchBox label="Search vulnerabilities" placeholder="Search CVE id" value={view.query} onSearch={(query) => update({ query, page: 0 })} />
        <TeamSelect value={view.team_id} onChange={(team_id) => update({ team_id, page: 0 })} />
        <Checkbox label="Known exploited only (CISA KEV)" checked={view.exploit === 'true'} onChange={(e) => update({ exploit: e.currentTarget.checked ? 'true' : '', page: 0 })} />
      </Group>
      {list.error ? <LoadError error={list.error} what="vulnerabilities" /> : list.isPending ? <TableSkeleton rows={10} /> : (
        <Card withBorder padding={0}>
          <DataTable table={table} label="Vulnerabilities" testId="vulnerabilities-table" busy={list.isPlaceholderData} minWidth={640} nowrap
            empty={filtered
              ? <Empty title="No vulnerabilities match these filters" action={<Button variant="subtle" onClick={() => update({ query: '', exploit: '', page: 0 })}>Clear filters</Button>} />
              : <Empty title="No vulnerabilities found">CVEs appear here after the vulnerabilities job matches the software inventory with the feeds.</Empty>} />
        </Card>
      )}
      <Pager page={view.page} perPage={view.per_page} total={total} label="Vulnerability pages"
        onPage={(page) => update({ page }, { push: true })} onPerPage={(per_page) => update({ per_page, page: 0 })} />
    </Stack>
  );
}
