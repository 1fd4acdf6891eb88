import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { int, text, useUrlState } from '../../../shared/hooks/use-url-state';
import type { ActivityFilters } from '../hooks/use-activities';
import { useActivities } from '../hooks/use-activities';
import { ActivityFeed } from './activity-feed';
import { ActivityFilterBar } from './activity-filters';

const PER_PAGE = 50;
const URL_STATE = { page: int(0), type: text(), actor: text(), from: text(), to: text() };

/**
 * The audit log, newest first, 50 entries a page, narrowed on the server by activity type, actor (name or
 * email) and a range of days; page and filters are in the URL.
 */
export default function ActivityPage() {
  const [{ page, ...filters }, update] = useUrlState(URL_STATE);
  const list = useActivities(page, PER_PAGE, filters);
  const meta = list.data?.meta;
  const filtered = Boolean(filters.type || filters.actor || filters.from || filters.to);
  return (
    <Stack>
      <PageHeader title="Activity" description="Who changed what, newest first." />
      <ActivityFilterBar filters={filters} onChange={(patch: Partial<ActivityFilters>) => update({ ...patch, page: 0 })} />
      {list.error ? <LoadError error={list.error} what="the activity" /> : list.isPending ? <TableSkeleton /> : (
        <Card withBorder aria-busy={list.isPlaceholderData} style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          {list.data.activities.length === 0 ? (
            <Empty title={filtered ? 'No activity matches these filters' : 'No activity yet'} />
          ) : <ActivityFeed activities={list.data.activities} label="Activity" />}
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
