import { Anchor, Badge, Button, Code, Group, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Activity, Policy, SavedQuery } from '../api/types';
import { useApi } from '../api/use-api';
import { DataTable } from '../layout/data-table';
import type { Column } from '../layout/data-table';
import { LoadState } from '../layout/load-state';

const QUERY_COLUMNS: Array<Column<SavedQuery>> = [
  { title: 'Name', cell: (q) => <Anchor component={Link} to={`/queries/${q.id}`}>{q.name}</Anchor> },
  { title: 'Description', cell: (q) => q.description },
  { title: 'Interval', cell: (q) => (q.interval ? `${q.interval} s` : 'not scheduled') },
  { title: 'Platform', cell: (q) => q.platform || 'all' },
  { title: '', cell: (q) => <Anchor component={Link} to={`/live-query?sql=${encodeURIComponent(q.query)}`}>Run</Anchor> },
];

const POLICY_COLUMNS: Array<Column<Policy>> = [
  { title: 'Name', cell: (p) => <>{p.name} {p.critical && <Badge color="red" size="xs">critical</Badge>}</> },
  { title: 'Passing', cell: (p) => p.passing_host_count },
  { title: 'Failing', cell: (p) => p.failing_host_count },
];

const ACTIVITY_COLUMNS: Array<Column<Activity>> = [
  { title: 'When', cell: (a) => new Date(a.created_at).toLocaleString() },
  { title: 'Who', cell: (a) => a.actor_full_name ?? 'Fleet' },
  { title: 'What', cell: (a) => a.type },
  { title: 'Details', cell: (a) => <Code>{JSON.stringify(a.details)}</Code> },
];

/** A page that is a title over one table loaded from the API. */
function ListPage<T extends { id: number }>({ title, path, pick, columns, create }: {
  title: string; path: string; pick: (body: never) => T[]; columns: Array<Column<T>>; create?: { to: string; label: string };
}) {
  const state = useApi<never>(path);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{title}</Title>
        {create && <Button component={Link} to={create.to}>{create.label}</Button>}
      </Group>
      <LoadState state={state}>{(body) => <DataTable rows={pick(body)} columns={columns} />}</LoadState>
    </Stack>
  );
}

/** Saved queries: a name opens its editor, "Run" opens the live query page with its SQL. */
export const QueriesPage = () => (
  <ListPage title="Queries" path="/queries?per_page=500" pick={(b: { queries: SavedQuery[] }) => b.queries} columns={QUERY_COLUMNS}
    create={{ to: '/queries/new', label: 'New query' }} />
);

/** Global policies with how many hosts pass and fail them. */
export const PoliciesPage = () => (
  <ListPage title="Policies" path="/global/policies" pick={(b: { policies: Policy[] }) => b.policies} columns={POLICY_COLUMNS} />
);

/** The audit log, newest first. */
export const ActivityPage = () => (
  <ListPage title="Activity" path="/activities?order_key=id&order_direction=desc&per_page=100" pick={(b: { activities: Activity[] }) => b.activities} columns={ACTIVITY_COLUMNS} />
);
