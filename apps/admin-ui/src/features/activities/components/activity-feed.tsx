import { Group, Stack, Text } from '@mantine/core';
import { RelativeTime } from '../../../shared/components/relative-time';
import type { Activity } from '../api/activities.api';
import { describeActivity } from './describe-activity';

/** Audit-log entries as sentences: who did what, and when (absolute time on hover). */
export function ActivityFeed({ activities, label }: { activities: readonly Activity[]; label: string }) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={label}>
      {activities.map((a) => (
        <Group component="li" key={a.id} justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span fw={600}>{a.actor_full_name ?? 'Fleet'}</Text> {describeActivity(a)}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}><RelativeTime value={a.created_at} /></Text>
        </Group>
      ))}
    </Stack>
  );
}
