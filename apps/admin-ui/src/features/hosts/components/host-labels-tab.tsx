import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import type { HostDetail } from '../api/hosts.api';

/** The labels the host belongs to; each opens the host list filtered by it. */
export function HostLabelsTab({ host }: { host: HostDetail }) {
  if (host.labels.length === 0) return <Card withBorder><Empty title="No labels yet">Labels are computed at the host's next check-ins.</Empty></Card>;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">Select a label to see its other hosts.</Text>
        <Group gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Labels">
          {host.labels.map((l) => (
            <li key={l.id}>
              <Badge component={Link} to={`/hosts/manage?label_id=${l.id}`} variant="outline" size="lg" tt="none" style={{ cursor: 'pointer' }}
                color={l.label_type === 'builtin' ? 'gray.8' : 'blue.9'} c={l.label_type === 'builtin' ? 'gray.9' : 'blue.9'} bg="white">{l.name}</Badge>
            </li>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}
