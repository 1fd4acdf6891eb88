import { Anchor, Button, Card, Group, NumberInput, Select, Stack, Switch, Table, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { configRoutes, teamRoutes, userRoutes } from '@fleet/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { callRoute } from '../../../api/http-client';
import { queryKeys } from '../../../api/query-keys';
import { confirmDestructive } from '../../../shared/components/confirm';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { CardSkeleton, LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { usePermissions } from '../../auth/hooks/use-permissions';
import { useUsers } from '../../users/hooks/use-users';
import { ROLES, roleLabel } from '../../users/components/roles';
import type { Team, TeamRole } from '../api/teams.api';
import { useDeleteTeam, useModifyTeam, useRemoveMember, useSetMembers, useTeam, useTeamAgentOptions, useTeamMembers } from '../hooks/use-teams';
import { AgentOptionsEditor } from './agent-options-editor';
import { EnrollSecrets } from './enroll-secrets';

const TABS = ['members', 'secrets', 'agent-options', 'settings'] as const;
type Tab = (typeof TABS)[number];
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/**
 * One team: members and their roles, enroll secrets (hidden from those who may not see them), agent options
 * (YAML checked against osquery's options, with the difference to the global ones) and settings (name,
 * description, host expiry, failing-policies webhook). The tab is in the URL (`/teams/:id/:tab`).
 */
export default function TeamPage() {
  const params = useParams();
  const id = Number(params['id']);
  const tab: Tab = TABS.includes(params['tab'] as Tab) ? (params['tab'] as Tab) : 'members';
  const navigate = useNavigate();
  const team = useTeam(id);
  const { can, canDo } = usePermissions();
  const remove = useDeleteTeam();
  if (team.error) return <Stack><PageHeader title="Team" /><LoadError error={team.error} what="the team" /></Stack>;
  if (!team.data) return <Stack><PageHeader title="Team" /><CardSkeleton height={240} /></Stack>;
  const t = team.data;
  const seeSecrets = canDo('team:secrets', id);
  const askDelete = () => confirmDestructive({
    title: 'Delete this team?', confirmLabel: 'Delete team',
    message: `"${t.name}" is deleted with its policies, queries and enroll secrets; its ${t.host_count} hosts move to no team; its members lose its role.`,
    onConfirm: () => remove.mutate(t.id, { onSuccess: () => void navigate('/teams') }),
  });
  return (
    <Stack>
      <PageHeader title={t.name} description={t.description || `${t.host_count} hosts, ${t.user_count} members`}
        actions={(
          <>
            <Button component={Link} to={`/hosts/manage?team_id=${t.id}`} variant="default">Hosts ({t.host_count})</Button>
            {can(teamRoutes.delete) && <Button color="red" variant="light" onClick={askDelete} loading={remove.isPending}>Delete team</Button>}
          </>
        )} />
      <Tabs value={tab} onChange={(v) => void navigate(`/teams/${id}/${v ?? 'members'}`, { replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="members">Members</Tabs.Tab>
          {seeSecrets && <Tabs.Tab value="secrets">Enroll secrets</Tabs.Tab>}
          <Tabs.Tab value="agent-options">Agent options</Tabs.Tab>
          <Tabs.Tab value="settings">Settings</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members" pt="md"><Members team={t} writable={can(teamRoutes.addUsers, id)} /></Tabs.Panel>
        {seeSecrets && <Tabs.Panel value="secrets" pt="md"><Card withBorder><EnrollSecrets teamId={id} writable={can(teamRoutes.replaceSecrets, id)} /></Card></Tabs.Panel>}
        <Tabs.Panel value="agent-options" pt="md"><TeamAgentOptions team={t} writable={can(teamRoutes.agentOptions, id)} /></Tabs.Panel>
        <Tabs.Panel value="settings" pt="md"><TeamSettings key={t.name} team={t} writable={can(teamRoutes.modify, id)} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Members({ team, writable }: { team: Team; writable: boolean }) {
  const { can } = usePermissions();
  const members = useTeamMembers(team.id, true);
  const canListUsers = writable && can(userRoutes.list);
  const users = useUsers(canListUsers);
  const set = useSetMembers(team.id);
  const remove = useRemoveMember(team.id);
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<TeamRole>('observer');
  const memberIds = new Set((members.data ?? []).map((m) => m.id));
  const candidates = (users.data ?? []).filter((u) => !memberIds.has(u.id) && !u.global_role).map((u) => ({ value: String(u.id), label: `${u.name} (${u.email})` }));
  const roleOf = (m: { teams: ReadonlyArray<{ id: number; role: string }> }) => m.teams.find((x) => x.id === team.id)?.role ?? '';
  const askRemove = (m: { id: number; name: string }) => confirmDestructive({
    title: 'Remove this member?', confirmLabel: 'Remove member', message: `${m.name} loses their role on ${team.name}.`, onConfirm: () => remove.mutate(m.id),
  });
  if (members.error) return <LoadError error={members.error} what="the members" />;
  return (
    <Card withBorder>
      <Stack>
        {!members.data ? <TableSkeleton rows={3} /> : members.data.length === 0 ? <Empty title="No members yet">Users with a global role see every team anyway.</Empty> : (
          <Table.ScrollContainer minWidth={480}>
            <Table aria-label="Members" data-testid="team-members">
              <Table.Thead><Table.Tr><Table.Th scope="col">Name</Table.Th><Table.Th scope="col">Email</Table.Th><Table.Th scope="col">Role</Table.Th>{writable && <Table.Th scope="col">Actions</Table.Th>}</Table.Tr></Table.Thead>
              <Table.Tbody>
                {members.data.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{m.name}</Table.Td>
                    <Table.Td>{m.email}</Table.Td>
                    <Table.Td>
                      {writable ? (
                        <Select aria-label={`Role of ${m.name}`} data={ROLES.map((r) => ({ ...r }))} value={roleOf(m)} allowDeselect={false} size="xs" w={150}
                          onChange={(v) => v && set.mutate([{ id: m.id, role: v as TeamRole }])} />
                      ) : roleLabel(roleOf(m))}
                    </Table.Td>
                    {writable && <Table.Td><Button size="compact-xs" variant="subtle" color="red.9" c="red.9" onClick={() => askRemove(m)} aria-label={`Remove ${m.name}`}>Remove</Button></Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canListUsers && (
          <Group align="flex-end" wrap="wrap">
            <Select label="Add member" placeholder={candidates.length ? 'Pick a user' : 'No user without a role here'} data={candidates} value={userId} onChange={setUserId}
              searchable w={280} nothingFoundMessage="No such user" />
            <Select label="Role" data={ROLES.map((r) => ({ ...r }))} value={role} onChange={(v) => v && setRole(v)} allowDeselect={false} w={150} />
            <Button disabled={!userId} loading={set.isPending}
              onClick={() => userId && set.mutate([{ id: Number(userId), role }], { onSuccess: () => setUserId(null) })}>Add</Button>
          </Group>
        )}
        {writable && !canListUsers && <Text size="sm" c="dimmed">Ask a global admin to add users to this team.</Text>}
      </Stack>
    </Card>
  );
}

function TeamAgentOptions({ team, writable }: { team: Team; writable: boolean }) {
  const { canDo } = usePermissions();
  const save = useTeamAgentOptions(team.id);
  // The global options are only readable by global admins (GET /config leaves them out for everyone else).
  const seeGlobal = canDo('config:read_secrets');
  const config = useQuery({ queryKey: queryKeys.config.doc, queryFn: ({ signal }) => callRoute(configRoutes.get, {}, { signal }), enabled: seeGlobal });
  if (seeGlobal && !config.data) return config.error ? <LoadError error={config.error} what="the global agent options" /> : <CardSkeleton height={240} />;
  return (
    <Card withBorder>
      <AgentOptionsEditor key={JSON.stringify(team.agent_options)} initial={team.agent_options ?? {}} base={seeGlobal ? obj(config.data?.['agent_options']) : undefined}
        readOnly={!writable} saving={save.isPending} onSave={(options) => save.mutate(options)} />
    </Card>
  );
}

function TeamSettings({ team, writable }: { team: Team; writable: boolean }) {
  const modify = useModifyTeam(team.id);
  const webhook = obj(obj(team.webhook_settings)['failing_policies_webhook']);
  const form = useForm({
    initialValues: {
      name: team.name, description: team.description,
      host_expiry_enabled: team.host_expiry_settings.host_expiry_enabled, host_expiry_window: team.host_expiry_settings.host_expiry_window || 30,
      webhook_enabled: webhook['enable_failing_policies_webhook'] === true, webhook_url: typeof webhook['destination_url'] === 'string' ? webhook['destination_url'] : '',
    },
    validate: {
      name: (v) => (v.trim() ? null : 'cannot be empty'),
      host_expiry_window: (v, values) => (values.host_expiry_enabled && !(v > 0) ? 'must be at least 1 day' : null),
      webhook_url: (v, values) => (values.webhook_enabled && !/^https?:\/\/\S+$/.test(v) ? 'must be an http(s) URL' : null),
    },
  });
  const save = form.onSubmit((v) => modify.mutate({
    name: v.name, description: v.description,
    host_expiry_settings: { host_expiry_enabled: v.host_expiry_enabled, host_expiry_window: v.host_expiry_enabled ? v.host_expiry_window : 0 },
    webhook_settings: { failing_policies_webhook: { ...webhook, enable_failing_policies_webhook: v.webhook_enabled, destination_url: v.webhook_url } },
  }));
  return (
    <Card withBorder>
      <form onSubmit={save} noValidate>
        <Stack maw={640}>
          <TextInput label="Team name" required readOnly={!writable} {...form.getInputProps('name')} />
          <Textarea label="Description" autosize minRows={2} readOnly={!writable} {...form.getInputProps('description')} />
          <Switch label="Delete hosts that have not checked in (host expiry)" disabled={!writable} {...form.getInputProps('host_expiry_enabled', { type: 'checkbox' })} />
          {form.values.host_expiry_enabled && (
            <NumberInput label="Host expiry window (days)" min={1} readOnly={!writable} w={240} {...form.getInputProps('host_expiry_window')} />
          )}
          <Switch label="Failing policies webhook" description="Posts the hosts failing this team's policies to a URL."
            disabled={!writable} {...form.getInputProps('webhook_enabled', { type: 'checkbox' })} />
          {form.values.webhook_enabled && <TextInput label="Webhook URL" placeholder="https://example.com/hooks/fleet" readOnly={!writable} {...form.getInputProps('webhook_url')} />}
          {writable && <Button type="submit" loading={modify.isPending} w="fit-content">Save settings</Button>}
          {!writable && <Text size="sm" c="dimmed">Only admins of this team change its settings. <Anchor component={Link} to="/teams">Back to teams</Anchor></Text>}
        </Stack>
      </form>
    </Card>
  );
}
