import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api/client';
import type { HostDetail } from '../api/types';
import { useApi } from '../api/use-api';
import { DataTable } from '../layout/data-table';
import type { Column } from '../layout/data-table';
import { LoadState } from '../layout/load-state';
import { StatusBadge } from '../layout/status-badge';

function Fact({ label, value }: { label: string; value: string | number }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text>{value === '' ? '—' : value}</Text>
    </div>
  );
}

const SOFTWARE_COLUMNS: Array<Column<HostDetail['software'][number]>> = [
  { title: 'Name', cell: (s) => s.name },
  { title: 'Version', cell: (s) => s.version },
  { title: 'Type', cell: (s) => s.source },
];

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
const days = (seconds: number) => `${(seconds / 86400).toFixed(1)} days`;

/** One host: vitals, labels, policies and software, with Fleet's refetch. */
export function HostDetailPage() {
  const { id } = useParams();
  const host = useApi<{ host: HostDetail }>(`/hosts/${id ?? ''}`);
  const [refetching, setRefetching] = useState(false);
  const refetch = async () => {
    setRefetching(true);
    await api('POST', `/hosts/${id ?? ''}/refetch`).finally(() => setRefetching(false));
    host.reload();
  };
  return (
    <LoadState state={host}>
      {({ host: h }) => (
        <Stack>
          <Group justify="space-between">
            <Group><Title order={2}>{h.display_name || h.hostname}</Title><StatusBadge status={h.status} /></Group>
            <Button variant="light" loading={refetching} onClick={() => void refetch()}>Refetch</Button>
          </Group>
          <Card withBorder>
            <SimpleGrid cols={4}>
              <Fact label="Platform" value={h.platform} />
              <Fact label="Operating system" value={h.os_version} />
              <Fact label="osquery" value={h.osquery_version} />
              <Fact label="Team" value={h.team_name ?? 'No team'} />
              <Fact label="UUID" value={h.uuid} />
              <Fact label="Serial" value={h.hardware_serial} />
              <Fact label="Model" value={h.hardware_model} />
              <Fact label="Private IP" value={h.primary_ip} />
              <Fact label="CPU" value={h.cpu_brand} />
              <Fact label="Memory" value={gib(h.memory)} />
              <Fact label="Uptime" value={days(h.uptime)} />
              <Fact label="Last seen" value={new Date(h.seen_time).toLocaleString()} />
            </SimpleGrid>
          </Card>
          <Title order={4}>Labels</Title>
          <Group gap="xs">{h.labels.map((l) => <Badge key={l.id} variant="outline">{l.name}</Badge>)}</Group>
          {h.labels.length === 0 && <Text c="dimmed">No labels yet.</Text>}
          <Title order={4}>Policies</Title>
          {h.policies.length === 0 && <Text c="dimmed">No policies apply to this host.</Text>}
          <Table data-testid="host-policies">
            <Table.Tbody>
              {h.policies.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td><Badge color={p.response === 'pass' ? 'green' : p.response === 'fail' ? 'red' : 'gray'}>{p.response || 'no response'}</Badge></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={4}>Software ({h.software.length})</Title>
          <DataTable rows={h.software} columns={SOFTWARE_COLUMNS} testId="host-software" />
        </Stack>
      )}
    </LoadState>
  );
}
