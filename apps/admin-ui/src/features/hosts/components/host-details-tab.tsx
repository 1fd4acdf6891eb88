import { Card, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Empty } from '../../../shared/components/empty-state';
import { RelativeTime } from '../../../shared/components/relative-time';
import type { HostDetail } from '../api/hosts.api';
import { formatBytes, formatGigabytes, formatUptime } from './host-format';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">{label}</Text>
      <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>{children === '' || children === null ? '—' : children}</Text>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

/** Vitals, disk, network and users of a host, as its agent last reported them. */
export function HostDetailsTab({ host: h }: { host: HostDetail }) {
  const usedPercent = h.gigs_total_disk_space > 0 ? Math.max(0, Math.min(100, 100 - h.percent_disk_space_available)) : 0;
  return (
    <Stack>
      <Section title="Vitals">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} component="dl" m={0}>
          <Fact label="Operating system">{h.os_version}</Fact>
          <Fact label="Platform">{h.platform}</Fact>
          <Fact label="osquery">{h.osquery_version}</Fact>
          <Fact label="Team">{h.team_name ?? 'No team'}</Fact>
          <Fact label="Hardware model">{[h.hardware_vendor, h.hardware_model].filter(Boolean).join(' ')}</Fact>
          <Fact label="Serial number">{h.hardware_serial}</Fact>
          <Fact label="UUID">{h.uuid}</Fact>
          <Fact label="Hostname">{h.hostname}</Fact>
          <Fact label="CPU">{h.cpu_brand}{h.cpu_logical_cores ? ` (${h.cpu_physical_cores} cores, ${h.cpu_logical_cores} threads)` : ''}</Fact>
          <Fact label="Memory">{formatBytes(h.memory)}</Fact>
          <Fact label="Uptime">{formatUptime(h.uptime)}</Fact>
          <Fact label="Last seen"><RelativeTime value={h.seen_time} /></Fact>
          <Fact label="Added"><RelativeTime value={h.created_at} /></Fact>
          <Fact label="Last enrolled"><RelativeTime value={h.last_enrolled_at} /></Fact>
          <Fact label="Details updated"><RelativeTime value={h.detail_updated_at} /></Fact>
          <Fact label="Check-in interval">{h.distributed_interval ? `${h.distributed_interval} s` : ''}</Fact>
        </SimpleGrid>
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title="Disk">
          {h.gigs_total_disk_space > 0 ? (
            <Stack gap={6}>
              <Progress value={usedPercent} color={h.gigs_disk_space_available < 32 ? 'red.8' : 'blue'} size="lg" aria-label={`Disk ${Math.round(usedPercent)}% used`} />
              <Text size="sm">{formatGigabytes(h.gigs_disk_space_available)} available of {formatGigabytes(h.gigs_total_disk_space)} ({Math.round(h.percent_disk_space_available)}% free)</Text>
            </Stack>
          ) : <Text size="sm" c="dimmed">Not reported yet.</Text>}
        </Section>
        <Section title="Network">
          <SimpleGrid cols={2} component="dl" m={0}>
            <Fact label="Private IP">{h.primary_ip}</Fact>
            <Fact label="MAC address">{h.primary_mac}</Fact>
            <Fact label="Public IP">{h.public_ip}</Fact>
          </SimpleGrid>
        </Section>
      </SimpleGrid>
      <Section title="Users">
        {h.users.length === 0 ? <Empty title="No users reported">The host sends its users when host user collection is on.</Empty> : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped aria-label="Users">
              <Table.Thead><Table.Tr><Table.Th scope="col">Username</Table.Th><Table.Th scope="col">UID</Table.Th><Table.Th scope="col">Group</Table.Th><Table.Th scope="col">Type</Table.Th><Table.Th scope="col">Shell</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {h.users.map((u) => (
                  <Table.Tr key={`${u.uid}-${u.username}`}><Table.Td>{u.username}</Table.Td><Table.Td>{u.uid}</Table.Td><Table.Td>{u.groupname}</Table.Td><Table.Td>{u.type}</Table.Td><Table.Td>{u.shell}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
    </Stack>
  );
}
