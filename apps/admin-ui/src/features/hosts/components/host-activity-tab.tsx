import { Button, Card, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { Empty } from '../../../shared/components/empty-state';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { ActivityFeed } from '../../activities/components/activity-feed';
import { useHostActivities } from '../hooks/use-hosts';

/** What was done to this host (refetches, transfers, …), newest first, 20 a page. */
export function HostActivityTab({ hostId }: { hostId: number }) {
  const [page, setPage] = useState(0);
  const list = useHostActivities(hostId, page);
  if (list.error) return <LoadError error={list.error} what="the host's activity" />;
  if (list.isPending) return <TableSkeleton rows={4} />;
  return (
    <Stack>
      <Card withBorder>
        {list.data.activities.length === 0 ? <Empty title="No activity for this host yet" /> : <ActivityFeed activities={list.data.activities} label="Host activity" />}
      </Card>
      {(list.data.meta.has_next_results || page > 0) && (
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" disabled={page === 0} onClick={() => setPage(page - 1)}>Newer</Button>
          <Button size="xs" variant="default" disabled={!list.data.meta.has_next_results} onClick={() => setPage(page + 1)}>Older</Button>
        </Group>
      )}
    </Stack>
  );
}
