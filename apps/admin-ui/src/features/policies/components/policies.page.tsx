import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { configRoutes, policyRoutes, teamRoutes } from '@fleet/contracts';
import { useTable } from '@tanstack/react-table';
import type { SortingState } from '@tanstack/react-table';
import { useDisclosure } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { confirmDestructive } from '../../../shared/components/confirm';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { RelativeTime } from '../../../shared/components/relative-time';
import { ToneBadge } from '../../../shared/components/status-badge';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { id, useUrlState } from '../../../shared/hooks/use-url-state';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import { usePermissions } from '../../auth/hooks/use-permissions';
import { useTeams } from '../../teams/hooks/use-teams';
import type { Policy } from '../api/policies.api';
import { useDeletePolicy, usePolicies } from '../hooks/use-policies';
import { PolicyAutomationsDialog } from './policy-automations.dialog';
import { platformLabel } from './policy-platforms';

const col = columnsFor<Policy>();
const URL_STATE = { team_id: id() };
const NONE: Policy[] = [];

const hostsLink = (p: Policy, response: 'passing' | 'failing', n: number) => (
  <Anchor component={Link} to={`/hosts/manage?policy_id=${p.id}&policy_response=${response}${p.team_id ? `&team_id=${p.team_id}` : ''}`}
    aria-label={`${n} hosts ${response} ${p.name}`}>{n}</Anchor>
);
const editLink = (p: Policy) => `/policies/${p.id}${p.team_id ? `?team_id=${p.team_id}` : ''}`;

/**
 * Policies of the organisation or of one team (the team's own and the inherited global ones), with how many
 * hosts pass and fail each (refreshed every 10 s; each count opens those hosts). Writers add, edit and delete;
 * everyone else sees the list and each policy read-only.
 */
export default function PoliciesPage() {
  const [{ team_id }, update] = useUrlState(URL_STATE);
  const teamId = team_id ? Number(team_id) : null;
  const teams = useTeams().data ?? [];
  const { can, canDo } = usePermissions();
  const list = usePolicies(teamId, true);
  const remove = useDeletePolicy(teamId);
  const canCreate = can(teamId === null ? policyRoutes.create : policyRoutes.createTeam, teamId);
  const writable = can(teamId === null ? policyRoutes.delete : policyRoutes.deleteTeam, teamId);
  const canRun = canDo('query:run', teamId);
  // The failing-policies webhook lives in the settings (global) or the team's settings: whoever may change those.
  const canAutomate = teamId === null ? can(configRoutes.modify) : can(teamRoutes.modify, teamId);
  const [automationsOpen, automations] = useDisclosure(false);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'failing_host_count', desc: true }]);
  const deletePolicy = remove.mutate;
  const columns = useMemo(() => {
    const askDelete = (p: Policy) => confirmDestructive({
      title: 'Delete this policy?', confirmLabel: 'Delete policy',
      message: `"${p.name}" and every host's answer to it are deleted; its automations stop.`,
      onConfirm: () => deletePolicy(p.id),
    });
    return col.columns([
      col.accessor('name', {
        header: 'Name', sortFn: 'text', meta: { required: true },
        cell: (c) => (
          <Group gap={6} wrap="wrap">
            <Anchor component={Link} to={editLink(c.row.original)}>{c.getValue()}</Anchor>
            {c.row.original.critical && <ToneBadge tone="red" size="xs">critical</ToneBadge>}
            {teamId !== null && c.row.original.team_id === null && <ToneBadge tone="gray" size="xs">inherited</ToneBadge>}
          </Group>
        ),
      }),
      col.accessor('platform', { header: 'Platforms', enableSorting: false, cell: (c) => platformLabel(c.getValue()) }),
      col.accessor('passing_host_count', { header: 'Passing', meta: { numeric: true }, cell: (c) => hostsLink(c.row.original, 'passing', c.getValue()) }),
      col.accessor('failing_host_count', { header: 'Failing', meta: { numeric: true }, cell: (c) => hostsLink(c.row.original, 'failing', c.getValue()) }),
      col.accessor('updated_at', { header: 'Updated', cell: (c) => <RelativeTime value={c.getValue()} /> }),
      col.display({
        id: 'actions', header: () => <span>Actions</span>, meta: { label: 'Actions' },
        cell: (c) => {
          const p = c.row.original;
          return (
            <Group gap={4} wrap="nowrap">
              {canRun && <Button component={Link} size="compact-xs" variant="subtle" to={`/live-query?sql=${encodeURIComponent(p.query)}`} aria-label={`Run ${p.name} now`}>Run</Button>}
              {writable && p.team_id === teamId && <Button size="compact-xs" variant="subtle" color="red.9" c="red.9" onClick={() => askDelete(p)} aria-label={`Delete ${p.name}`}>Delete</Button>}
            </Group>
          );
        },
      }),
    ]);
  }, [teamId, canRun, writable, deletePolicy]);
  const table = useTable({ features, columns, data: list.data ?? NONE, getRowId: (p) => String(p.id), state: { sorting }, onSortingChange: setSorting });
  const teamOptions = [{ value: '', label: 'All teams (global policies)' }, ...teams.map((t) => ({ value: String(t.id), label: t.name }))];
  const newLink = `/policies/new${teamId !== null ? `?team_id=${teamId}` : ''}`;
  return (
    <Stack>
      <PageHeader title="Policies" description="Yes/no questions every host answers; a failing host is one that answered no."
        actions={canCreate || canAutomate ? (
          <>
            {canAutomate && <Button variant="default" onClick={automations.open} disabled={!list.data}>Manage automations</Button>}
            {canCreate && <Button component={Link} to={newLink}>Add policy</Button>}
          </>
        ) : undefined} />
      <Group align="flex-end" wrap="wrap">
        <Select label="Team" data={teamOptions} value={team_id} allowDeselect={false} w={260} onChange={(v) => update({ team_id: v ?? '' }, { push: true })} />
        {list.data && <Text size="sm" c="dimmed">{list.data.length} {list.data.length === 1 ? 'policy' : 'policies'}; counts refresh every 10 s</Text>}
      </Group>
      {list.error ? <LoadError error={list.error} what="policies" /> : list.isPending ? <TableSkeleton /> : (
        <DataTable table={table} label="Policies" testId="policies-table" minWidth={640}
          empty={<Empty title="No policies yet" action={canCreate ? <Button component={Link} to={newLink} variant="light">Add policy</Button> : undefined}>
            A policy is a query that returns a row when a host passes.
          </Empty>} />
      )}
      {canAutomate && <PolicyAutomationsDialog teamId={teamId} policies={(list.data ?? NONE).filter((p) => p.team_id === teamId)} opened={automationsOpen} onClose={automations.close} />}
    </Stack>
  );
}
