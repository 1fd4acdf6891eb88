import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { useTable } from '@tanstack/react-table';
import type { SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { Pager } from '../../../shared/components/pager';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { ToneBadge } from '../../../shared/components/status-badge';
import { id, int, useUrlState } from '../../../shared/hooks/use-url-state';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import type { OsVersion } from '../api/software.api';
import { useOsVersions } from '../hooks/use-software';
import { SoftwareNav, TeamSelect, teamQuery } from './software-parts';

const URL_STATE = { page: int(0), per_page: int(50, [25, 50, 100]), team_id: id() };
const NONE: OsVersion[] = [];
const col = columnsFor<OsVersion>();

/** Operating system versions of the fleet (or one team), most hosts first, with their CVEs (the first 3 of each listed). */
export default function OsVersionsPage() {
  const [view, update] = useUrlState(URL_STATE);
  const list = useOsVersions({ page: String(view.page), per_page: String(view.per_page), team_id: view.team_id, max_vulnerabilities: '3' });
  const [sorting, setSorting] = useState<SortingState>([{ id: 'hosts_count', desc: true }]);
  const columns = useMemo(() => col.columns([
    col.accessor('name', { header: 'Name', sortFn: 'text', meta: { required: true } }),
    col.accessor('platform', { header: 'Platform', sortFn: 'text' }),
    col.accessor('vulnerabilities_count', {
      header: 'Vulnerabilities', meta: { numeric: true },
      cell: (c) => {
        const o = c.row.original;
        if (o.vulnerabilities_count === 0) return <Text span size="sm" c="dimmed">0</Text>;
        return (
          <Group gap={6} wrap="wrap" justify="flex-end">
            <ToneBadge tone="red" size="sm">{o.vulnerabilities_count} CVE{o.vulnerabilities_count === 1 ? '' : 's'}</ToneBadge>
            {o.vulnerabilities.map((v) => <Anchor key={v.cve} component={Link} size="sm" to={`/vulnerabilities/${v.cve}${teamQuery(view.team_id)}`}>{v.cve}</Anchor>)}
          </Group>
        );
      },
    }),
    col.accessor('hosts_count', {
      header: 'Hosts', meta: { numeric: true },
      cell: (c) => (
        <Anchor component={Link} aria-label={`${c.getValue()} hosts on ${c.row.original.name}`}
          to={`/hosts/manage?os_name=${encodeURIComponent(c.row.original.name_only)}&os_version=${encodeURIComponent(c.row.original.version)}${view.team_id ? `&team_id=${view.team_id}` : ''}`}>
          {c.getValue().toLocaleString()}
        </Anchor>
      ),
    }),
  ]), [view.team_id]);
  const table = useTable({ features, columns, data: list.data?.os_versions ?? NONE, getRowId: (o) => String(o.os_version_id), state: { sorting }, onSortingChange: setSorting });
  const total = list.data?.count ?? 0;
  return (
    <Stack>
      <PageHeader title="OS versions" description={list.data ? `${total.toLocaleString()} operating system version${total === 1 ? '' : 's'}` : ' '} />
      <SoftwareNav teamId={view.team_id} />
      <Group><TeamSelect value={view.team_id} onChange={(team_id) => update({ team_id, page: 0 })} /></Group>
      {list.error ? <LoadError error={list.error} what="OS versions" /> : list.isPending ? <TableSkeleton rows={6} /> : (
        <Card withBorder padding={0}>
          <DataTable table={table} label="OS versions" testId="os-versions-table" busy={list.isPlaceholderData} minWidth={640}
            empty={<Empty title="No OS versions yet">Hosts report their operating system at enrollment.</Empty>} />
        </Card>
      )}
      <Pager page={view.page} perPage={view.per_page} total={total} label="OS version pages"
        onPage={(page) => update({ page }, { push: true })} onPerPage={(per_page) => update({ per_page, page: 0 })} />
    </Stack>
  );
}
