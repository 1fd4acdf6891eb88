import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { int, useUrlState } from '../../../shared/hooks/use-url-state';
import { useActivities } from '../hooks/use-activities';
import { ActivityFeed } from './activity-feed';

const PER_PAGE = 50;
const URL_STATE = { page: int(0) };

/** The audit log, newest first, 50 entries a page (the page is in the URL). */
export default function ActivityPage() {
  const [{ page }, update] = useUrlState(URL_STATE);
  const list = useActivities(page, PER_PAGE);
  const meta = list.data?.meta;
  return (
    <Stack>
      <PageHeader title="Activity" description="Who changed what, newest first." />
      {list.error ? <LoadError error={list.error} what="the activity" /> : list.isPending ? <TableSkeleton /> : (
        <Card withBorder>
          {list.data.activities.length === 0 ? <Empty title="No activity yet" /> : <ActivityFeed activities={list.data.activities} label="Activity" />}
        </Card>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">Page {page + 1}</Text>
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={!meta?.has_previous_results} onClick={() => update({ page: page - 1 }, { push: true })}>Newer</Button>
          <Button variant="default" size="xs" disabled={!meta?.has_next_results} onClick={() => update({ page: page + 1 }, { push: true })}>Older</Button>
        </Group>
      </Group>
    </Stack>
  );
}
