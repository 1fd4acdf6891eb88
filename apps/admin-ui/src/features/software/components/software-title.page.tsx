import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { useTable } from '@tanstack/react-table';
import type { SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { id, useUrlState } from '../../../shared/hooks/use-url-state';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import type { SoftwareTitleDetail } from '../api/software.api';
import { useSoftwareTitle } from '../hooks/use-software';
import { SoftwareNav } from './software-parts';

type Version = SoftwareTitleDetail['versions'][number];
const col = columnsFor<Version>();
const URL_STATE = { team_id: id() };
const NONE: Version[] = [];

/** A software title: its versions, each with its hosts (opening the host list filtered to it) and its CVEs. */
export default function SoftwareTitlePage() {
  const titleId = Number(useParams().id);
  const [{ team_id }] = useUrlState(URL_STATE);
  const title = useSoftwareTitle(titleId, team_id ? Number(team_id) : null);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'hosts_count', desc: true }]);
  const columns = useMemo(() => col.columns([
    col.accessor('version', { header: 'Version', sortFn: 'alphanumeric', meta: { required: true } }),
    col.accessor((v) => v.vulnerabilities ?? [], {
      id: 'vulnerabilities', header: 'Vulnerabilities', enableSorting: false,
      cell: (c) => (c.getValue().length === 0 ? <Text span size="sm" c="dimmed">None found</Text> : (
        <Group gap={6} wrap="wrap">
          {c.getValue().map((cve) => <Anchor key={cve} component={Link} size="sm" to={`/vulnerabilities/${cve}${team_id ? `?team_id=${team_id}` : ''}`}>{cve}</Anchor>)}
        </Group>
      )),
    }),
    col.accessor('hosts_count', {
      header: 'Hosts', meta: { numeric: true },
      cell: (c) => (
        <Anchor component={Link} to={`/hosts/manage?software_id=${c.row.original.id}${team_id ? `&team_id=${team_id}` : ''}`}
          aria-label={`${c.getValue()} hosts with version ${c.row.original.version}`}>{c.getValue().toLocaleString()}</Anchor>
      ),
    }),
  ]), [team_id]);
  const table = useTable({ features, columns, data: title.data?.versions ?? NONE, getRowId: (v) => String(v.id), state: { sorting }, onSortingChange: setSorting });
  const t = title.data;
  return (
    <Stack>
      <PageHeader title={t?.name ?? 'Software'}
        description={t ? `${t.source}${t.bundle_identifier ? ` · ${t.bundle_identifier}` : ''} · ${t.versions_count} version${t.versions_count === 1 ? '' : 's'} on ${t.hosts_count.toLocaleString()} host${t.hosts_count === 1 ? '' : 's'}` : ' '} />
      <SoftwareNav teamId={team_id} />
      {title.error ? <LoadError error={title.error} what="this software" /> : title.isPending ? <TableSkeleton rows={4} /> : (
        <Card withBorder padding={0}>
          <DataTable table={table} label="Versions" testId="software-versions" minWidth={520} empty={<Empty title="No versions installed" />} />
        </Card>
      )}
    </Stack>
  );
}
