import { Anchor, Button, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { createTeamRequestSchema, teamRoutes } from '@fleet/contracts';
import { useTable } from '@tanstack/react-table';
import type { SortingState } from '@tanstack/react-table';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { confirmDestructive } from '../../../shared/components/confirm';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import { usePermissions } from '../../auth/hooks/use-permissions';
import type { Team } from '../api/teams.api';
import { useCreateTeam, useDeleteTeam, useTeamList } from '../hooks/use-teams';

const col = columnsFor<Team>();
const NONE: Team[] = [];

/** Teams with their hosts and members; admins create and delete them, a name opens the team's page. */
export default function TeamsPage() {
  const list = useTeamList();
  const { can } = usePermissions();
  const canCreate = can(teamRoutes.create);
  const remove = useDeleteTeam();
  const deleteTeam = remove.mutate;
  const [creating, createDialog] = useDisclosure(false);
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(() => {
    const askDelete = (t: Team) => confirmDestructive({
      title: 'Delete this team?', confirmLabel: 'Delete team',
      message: `"${t.name}" is deleted with its policies, queries and enroll secrets; its ${t.host_count} hosts move to no team; its members lose its role.`,
      onConfirm: () => deleteTeam(t.id),
    });
    return col.columns([
      col.accessor('name', { header: 'Name', sortFn: 'text', cell: (c) => <Anchor component={Link} to={`/teams/${c.row.original.id}`}>{c.getValue()}</Anchor> }),
      col.accessor('host_count', {
        header: 'Hosts', meta: { numeric: true },
        cell: (c) => <Anchor component={Link} to={`/hosts/manage?team_id=${c.row.original.id}`} aria-label={`${c.getValue()} hosts in ${c.row.original.name}`}>{c.getValue()}</Anchor>,
      }),
      col.accessor('user_count', { header: 'Members', meta: { numeric: true } }),
      col.accessor('description', { header: 'Description', enableSorting: false }),
      col.display({
        id: 'actions', header: () => <span>Actions</span>, meta: { label: 'Actions' },
        cell: (c) => (canCreate ? (
          <Button size="compact-xs" variant="subtle" color="red.9" c="red.9" onClick={() => askDelete(c.row.original)} aria-label={`Delete ${c.row.original.name}`}>Delete</Button>
        ) : null),
      }),
    ]);
  }, [canCreate, deleteTeam]);
  const table = useTable({ features, columns, data: list.data ?? NONE, getRowId: (t) => String(t.id), state: { sorting }, onSortingChange: setSorting });
  return (
    <Stack>
      <PageHeader title="Teams" description="Groups of hosts with their own members, enroll secrets, agent options, policies and queries."
        actions={canCreate ? <Button onClick={createDialog.open}>Create team</Button> : undefined} />
      {list.error ? <LoadError error={list.error} what="teams" /> : list.isPending ? <TableSkeleton /> : (
        <DataTable table={table} label="Teams" testId="teams-table" minWidth={560}
          empty={<Empty title="No teams yet" action={canCreate ? <Button variant="light" onClick={createDialog.open}>Create team</Button> : undefined} />} />
      )}
      {creating && <CreateTeamDialog onClose={createDialog.close} />}
    </Stack>
  );
}

function CreateTeamDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const create = useCreateTeam();
  const form = useForm({ initialValues: { name: '', description: '' }, validate: zod4Resolver(createTeamRequestSchema) });
  const save = form.onSubmit((values) => create.mutate(values, { onSuccess: (team) => void navigate(`/teams/${team.id}`) }));
  return (
    <Modal opened onClose={onClose} title="Create team">
      <form onSubmit={save} noValidate>
        <Stack>
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} error={form.errors['name'] ?? create.error?.message} />
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <Button type="submit" loading={create.isPending} w="fit-content">Create</Button>
        </Stack>
      </form>
    </Modal>
  );
}
