import { Card, Table, Text } from '@mantine/core';
import { Empty } from '../../../shared/components/empty-state';
import { ToneBadge } from '../../../shared/components/status-badge';
import type { HostDetail } from '../api/hosts.api';

const ORDER = { fail: 0, '': 1, pass: 2 } as const;
const BADGE = { fail: { tone: 'red', text: 'Failing' }, pass: { tone: 'green', text: 'Passing' }, '': { tone: 'gray', text: 'No response' } } as const;

/** The policies that apply to the host with its answer, failing ones first. */
export function HostPoliciesTab({ host }: { host: HostDetail }) {
  if (host.policies.length === 0) return <Card withBorder><Empty title="No policies apply to this host" /></Card>;
  const policies = [...host.policies].sort((a, b) => ORDER[a.response] - ORDER[b.response] || a.name.localeCompare(b.name));
  return (
    <Card withBorder padding={0}>
      <Table.ScrollContainer minWidth={520}>
        <Table striped aria-label="Policies" data-testid="host-policies">
          <Table.Thead><Table.Tr><Table.Th scope="col">Policy</Table.Th><Table.Th scope="col">Response</Table.Th><Table.Th scope="col">Resolution</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {policies.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name} {p.critical && <ToneBadge size="xs" tone="red">critical</ToneBadge>}</Table.Td>
                <Table.Td><ToneBadge tone={BADGE[p.response].tone}>{BADGE[p.response].text}</ToneBadge></Table.Td>
                <Table.Td><Text size="sm" c={p.resolution ? undefined : 'dimmed'}>{p.resolution || '—'}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
