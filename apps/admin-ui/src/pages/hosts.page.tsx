import { Anchor, Card, Group, Pagination, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Host, HostSummary } from '../api/types';
import { useApi } from '../api/use-api';
import { DataTable } from '../layout/data-table';
import type { Column } from '../layout/data-table';
import { LoadState } from '../layout/load-state';
import { StatusBadge } from '../layout/status-badge';

const PER_PAGE = 50;

const HOST_COLUMNS: Array<Column<Host>> = [
  { title: 'Hostname', cell: (h) => <Anchor component={Link} to={`/hosts/${h.id}`}>{h.display_name || h.hostname}</Anchor> },
  { title: 'Status', cell: (h) => <StatusBadge status={h.status} /> },
  { title: 'Platform', cell: (h) => h.platform },
  { title: 'OS', cell: (h) => h.os_version },
  { title: 'osquery', cell: (h) => h.osquery_version },
  { title: 'Team', cell: (h) => h.team_name ?? 'No team' },
  { title: 'Last seen', cell: (h) => new Date(h.seen_time).toLocaleString() },
];

function Count({ label, value }: { label: string; value: number }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">{label}</Text>
      <Text size="xl" fw={700} data-testid={`count-${label.toLowerCase()}`}>{value}</Text>
    </Card>
  );
}

/** Counts by status, then the host list with Fleet's search and status filters, 50 per page. */
export function HostsPage() {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('all');
  const [page, setPage] = useState(1);
  const summary = useApi<HostSummary>('/host_summary');
  const params = new URLSearchParams({ page: String(page - 1), per_page: String(PER_PAGE), order_key: 'hostname' });
  if (query) params.set('query', query);
  if (status !== 'all') params.set('status', status);
  const hosts = useApi<{ hosts: Host[] }>(`/hosts?${params.toString()}`);
  const count = useApi<{ count: number }>(`/hosts/count?${params.toString()}`);
  return (
    <Stack>
      <Title order={2}>Hosts</Title>
      <LoadState state={summary}>
        {(s) => (
          <SimpleGrid cols={4}>
            <Count label="Total" value={s.totals_hosts_count} />
            <Count label="Online" value={s.online_count} />
            <Count label="Offline" value={s.offline_count} />
            <Count label="Missing" value={s.mia_count} />
          </SimpleGrid>
        )}
      </LoadState>
      <Group>
        <TextInput placeholder="Search hostname, UUID, serial or IP" value={query} w={360}
          onChange={(e) => { setQuery(e.currentTarget.value); setPage(1); }} />
        <SegmentedControl value={status} onChange={(v) => { setStatus(v); setPage(1); }}
          data={['all', 'online', 'offline', 'new', 'missing']} />
      </Group>
      <LoadState state={hosts}>
        {(d) => (
          <DataTable rows={d.hosts} columns={HOST_COLUMNS} testId="hosts-table" />
        )}
      </LoadState>
      {count.data && count.data.count > PER_PAGE && (
        <Pagination total={Math.ceil(count.data.count / PER_PAGE)} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}
