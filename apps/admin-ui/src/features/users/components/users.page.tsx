import { Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Menu, Modal, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { createInviteRequestSchema, createUserRequestSchema, modifyUserRequestSchema, userRoutes } from '@fleet/contracts';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { confirmDestructive } from '../../../shared/components/confirm';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { RelativeTime } from '../../../shared/components/relative-time';
import { ToneBadge } from '../../../shared/components/status-badge';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { usePermissions } from '../../auth/hooks/use-permissions';
import type { Invite, User } from '../api/users.api';
import { useCreateUser, useDeleteInvite, useDeleteUser, useInvite, useInvites, useModifyUser, useRequirePasswordReset, useUsers } from '../hooks/use-users';
import { roleLabel } from './roles';
import { UserRolesFields, rolesBody } from './user-roles-fields';
import type { RolesValue } from './user-roles-fields';

/** "Admin", or "Observer on Servers, Maintainer on Laptops". */
const rolesText = (u: { global_role: string | null; teams: ReadonlyArray<{ name: string; role: string }> }): string =>
  u.global_role ? roleLabel(u.global_role) : u.teams.length ? u.teams.map((t) => `${roleLabel(t.role)} on ${t.name}`).join(', ') : 'No role';

type Dialog = { kind: 'invite' } | { kind: 'create' } | { kind: 'edit'; user: User } | null;

/**
 * Users and pending invites. Admins invite (a mail with a link), create users (API-only ones get their token
 * once), edit names, emails and roles, require a password reset, and delete; everyone else who may list users
 * sees the list without those controls.
 */
export default function UsersPage() {
  const { can, me } = usePermissions();
  const writable = can(userRoutes.create);
  const users = useUsers(can(userRoutes.list));
  const invites = useInvites(writable);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  if (me && !can(userRoutes.list)) {
    return <Stack><PageHeader title="Users" /><Alert color="blue" title="Not available to your role">Only global users see the list of users.</Alert></Stack>;
  }
  return (
    <Stack>
      <PageHeader title="Users" description="Who may sign in, and their roles globally or per team."
        actions={writable ? <><Button onClick={() => setDialog({ kind: 'invite' })}>Invite user</Button><Button variant="default" onClick={() => setDialog({ kind: 'create' })}>Create user</Button></> : undefined} />
      {users.error ? <LoadError error={users.error} what="users" /> : !users.data ? <TableSkeleton /> : (
        <UsersTable users={users.data} writable={writable} myId={me?.user.id ?? 0} onEdit={(user) => setDialog({ kind: 'edit', user })} />
      )}
      {writable && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">Pending invites</Title>
          {invites.error ? <LoadError error={invites.error} what="invites" /> : !invites.data ? <TableSkeleton rows={2} /> : <InvitesTable invites={invites.data} />}
        </Card>
      )}
      {dialog?.kind === 'invite' && <InviteDialog onClose={close} />}
      {dialog?.kind === 'create' && <CreateUserDialog onClose={close} />}
      {dialog?.kind === 'edit' && <EditUserDialog user={dialog.user} onClose={close} />}
    </Stack>
  );
}

function UsersTable({ users, writable, myId, onEdit }: { users: readonly User[]; writable: boolean; myId: number; onEdit: (u: User) => void }) {
  const remove = useDeleteUser();
  const reset = useRequirePasswordReset();
  const askDelete = (u: User) => confirmDestructive({
    title: 'Delete this user?', confirmLabel: 'Delete user', message: `${u.name} (${u.email}) can no longer sign in; their sessions and API token stop working.`,
    onConfirm: () => remove.mutate(u.id),
  });
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label="Users" data-testid="users-table">
        <Table.Thead>
          <Table.Tr><Table.Th scope="col">Name</Table.Th><Table.Th scope="col">Email</Table.Th><Table.Th scope="col">Roles</Table.Th><Table.Th scope="col">Status</Table.Th>{writable && <Table.Th scope="col">Actions</Table.Th>}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.name}{u.id === myId && <Text span c="dimmed" size="sm"> (you)</Text>}</Table.Td>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>{rolesText(u)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {u.api_only && <Badge variant="outline" color="gray.8" size="sm">API only</Badge>}
                  {u.sso_enabled && <Badge variant="outline" color="gray.8" size="sm">SSO</Badge>}
                  {u.force_password_reset ? <ToneBadge tone="orange" size="sm">reset required</ToneBadge> : <ToneBadge tone="green" size="sm">active</ToneBadge>}
                </Group>
              </Table.Td>
              {writable && (
                <Table.Td>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target><Button size="compact-xs" variant="subtle" aria-label={`Actions for ${u.name}`}>Actions</Button></Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => onEdit(u)}>Edit</Menu.Item>
                      {!u.api_only && u.id !== myId && (
                        <Menu.Item onClick={() => reset.mutate({ id: u.id, require: !u.force_password_reset })}>
                          {u.force_password_reset ? 'Do not require a password reset' : 'Require password reset'}
                        </Menu.Item>
                      )}
                      {u.id !== myId && <Menu.Item color="red.9" c="red.9" onClick={() => askDelete(u)}>Delete</Menu.Item>}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function InvitesTable({ invites }: { invites: readonly Invite[] }) {
  const withdraw = useDeleteInvite();
  if (invites.length === 0) return <Empty title="No pending invites" />;
  const ask = (i: Invite) => confirmDestructive({
    title: 'Withdraw this invite?', confirmLabel: 'Withdraw invite', message: `The link mailed to ${i.email} stops working.`, onConfirm: () => withdraw.mutate(i.id),
  });
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label="Pending invites" data-testid="invites-table">
        <Table.Thead><Table.Tr><Table.Th scope="col">Name</Table.Th><Table.Th scope="col">Email</Table.Th><Table.Th scope="col">Roles</Table.Th><Table.Th scope="col">Invited</Table.Th><Table.Th scope="col">Actions</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {invites.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>{i.name}</Table.Td>
              <Table.Td>{i.email}</Table.Td>
              <Table.Td>{rolesText(i)}</Table.Td>
              <Table.Td><RelativeTime value={i.created_at} /></Table.Td>
              <Table.Td><Button size="compact-xs" variant="subtle" color="red.9" c="red.9" onClick={() => ask(i)} aria-label={`Withdraw invite of ${i.email}`}>Withdraw</Button></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const NO_ROLES: RolesValue = { global_role: 'observer', teams: [] };

function InviteDialog({ onClose }: { onClose: () => void }) {
  const invite = useInvite();
  const [roles, setRoles] = useState<RolesValue>(NO_ROLES);
  const form = useForm({ initialValues: { email: '', name: '', sso_enabled: false }, validate: zod4Resolver(createInviteRequestSchema) });
  const save = form.onSubmit((v) => invite.mutate({ ...v, ...rolesBody(roles) }, { onSuccess: onClose }));
  return (
    <Modal opened onClose={onClose} title="Invite user">
      <form onSubmit={save} noValidate>
        <Stack>
          {invite.error && <Alert color="red" title="Not invited" role="alert">{invite.error.message}</Alert>}
          <TextInput label="Email" required data-autofocus {...form.getInputProps('email')} />
          <TextInput label="Full name" required {...form.getInputProps('name')} />
          <UserRolesFields value={roles} onChange={setRoles} />
          <Checkbox label="Signs in with single sign-on" {...form.getInputProps('sso_enabled', { type: 'checkbox' })} />
          <Text size="sm" c="dimmed">An email with a link to create the account is sent through the SMTP settings.</Text>
          <Button type="submit" loading={invite.isPending} w="fit-content">Send invite</Button>
        </Stack>
      </form>
    </Modal>
  );
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateUser();
  const [roles, setRoles] = useState<RolesValue>(NO_ROLES);
  const [token, setToken] = useState<string | null>(null);
  const form = useForm({ initialValues: { email: '', name: '', password: '', api_only: false }, validate: zod4Resolver(createUserRequestSchema) });
  const save = form.onSubmit((v) => create.mutate({ ...v, ...rolesBody(roles) }, { onSuccess: (res) => (res.token ? setToken(res.token) : onClose()) }));
  if (token) {
    return (
      <Modal opened onClose={onClose} title="API token">
        <Stack>
          <Text size="sm">This is the only time the token of the new API-only user is shown. Keep it somewhere safe.</Text>
          <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="new-api-token">{token}</Code>
          <Group>
            <CopyButton value={token}>{({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy token'}</Button>}</CopyButton>
            <Button variant="default" onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  return (
    <Modal opened onClose={onClose} title="Create user">
      <form onSubmit={save} noValidate>
        <Stack>
          {create.error && <Alert color="red" title="Not created" role="alert">{create.error.message}</Alert>}
          <TextInput label="Email" required data-autofocus {...form.getInputProps('email')} />
          <TextInput label="Full name" required {...form.getInputProps('name')} />
          <PasswordInput label="Password" description="At least 12 characters with a number and a symbol." required {...form.getInputProps('password')} />
          <UserRolesFields value={roles} onChange={setRoles} />
          <Checkbox label="API only (for scripts; cannot use the web UI)" {...form.getInputProps('api_only', { type: 'checkbox' })} />
          <Button type="submit" loading={create.isPending} w="fit-content">Create user</Button>
        </Stack>
      </form>
    </Modal>
  );
}

function EditUserDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const modify = useModifyUser(user.id);
  const [roles, setRoles] = useState<RolesValue>({
    global_role: user.global_role ?? '', teams: user.teams.map((t) => ({ id: t.id, role: t.role as RolesValue['teams'][number]['role'] })),
  });
  const form = useForm({ initialValues: { name: user.name, email: user.email, position: user.position }, validate: zod4Resolver(modifyUserRequestSchema) });
  const save = form.onSubmit((v) => modify.mutate({ ...v, ...rolesBody(roles) }, { onSuccess: onClose }));
  return (
    <Modal opened onClose={onClose} title={`Edit ${user.name}`}>
      <form onSubmit={save} noValidate>
        <Stack>
          {modify.error && <Alert color="red" title="Not saved" role="alert">{modify.error.message}</Alert>}
          <TextInput label="Full name" required data-autofocus {...form.getInputProps('name')} />
          <TextInput label="Email" required {...form.getInputProps('email')} />
          <TextInput label="Position" {...form.getInputProps('position')} />
          <UserRolesFields value={roles} onChange={setRoles} />
          <Button type="submit" loading={modify.isPending} w="fit-content">Save</Button>
        </Stack>
      </form>
    </Modal>
  );
}
