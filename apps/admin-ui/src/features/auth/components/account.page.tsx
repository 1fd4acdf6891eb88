import { Alert, Badge, Box, Button, Card, Code, CopyButton, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { session } from '../../../api/session';
import { PageHeader } from '../../../shared/components/page-header';
import { roleLabel } from '../../users/components/roles';
import { authApi } from '../api/auth.api';
import { useMe } from '../hooks/use-session';

/** Name, email and roles of the signed-in user, as the server has them. */
function Profile() {
  const me = useMe().data;
  if (!me) return null;
  const { user } = me;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">Profile</Title>
      <Box style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 24, rowGap: 8, alignItems: 'center' }}>
        <Text size="sm" c="dimmed">Name</Text><Text size="sm">{user.name || '—'}</Text>
        <Text size="sm" c="dimmed">Email</Text><Text size="sm">{user.email}</Text>
        <Text size="sm" c="dimmed">Global role</Text><Text size="sm">{roleLabel(user.global_role)}</Text>
        {user.teams.length > 0 && (<>
          <Text size="sm" c="dimmed">Teams</Text>
          <Group gap={6}>{user.teams.map((t) => <Badge key={t.id} variant="light" tt="none">{t.name}: {roleLabel(t.role)}</Badge>)}</Group>
        </>)}
      </Box>
    </Card>
  );
}

/** The current password, then the new one twice; the server checks the old one and its password rules. */
function ChangePassword() {
  const [done, setDone] = useState(false);
  const form = useForm({
    mode: 'uncontrolled', initialValues: { current: '', password: '', confirmation: '' },
    validate: {
      current: (v) => (v ? null : 'Enter your current password'),
      password: (v) => (v ? null : 'Enter a new password'),
      confirmation: (v, all) => (v === all.password ? null : 'The passwords do not match'),
    },
  });
  const change = useMutation({
    mutationFn: (v: { current: string; password: string }) => authApi.changePassword(v.current, v.password),
    meta: { failure: false },
    onMutate: () => setDone(false),
    onSuccess: () => {
      setDone(true);
      form.reset();
    },
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">Password</Title>
      <form onSubmit={form.onSubmit((v) => change.mutate(v))} noValidate>
        <Stack maw={420}>
          {change.error && <Alert color="red" title="The password was not changed" role="alert">{change.error.message}</Alert>}
          {done && <Alert color="green" title="Password changed" role="status">Use the new password the next time you log in.</Alert>}
          <PasswordInput label="Current password" name="old_password" autoComplete="current-password" key={form.key('current')} {...form.getInputProps('current')} />
          <PasswordInput label="New password" name="new_password" autoComplete="new-password" key={form.key('password')} {...form.getInputProps('password')} />
          <PasswordInput label="Confirm new password" name="new_password_confirmation" autoComplete="new-password" key={form.key('confirmation')} {...form.getInputProps('confirmation')} />
          <Button type="submit" loading={change.isPending} w="fit-content">Change password</Button>
        </Stack>
      </form>
    </Card>
  );
}

/**
 * Fleet's "Get API token": the token of this browser session, for scripts and `fleetctl` (Authorization: Bearer).
 * It works until this session ends (Sign out, or the session's expiry); an API-only user gets a lasting one.
 */
function ApiToken() {
  const [shown, setShown] = useState(false);
  const token = session.token() ?? '';
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">API token</Title>
      <Stack gap="sm">
        <Text size="sm">
          The token of this session, for the REST API (<Code>Authorization: Bearer …</Code>) and <Code>fleetctl</Code>. It stops
          working when you sign out or the session expires; for automation, create an API-only user instead.
        </Text>
        {shown ? (
          <>
            <Code block data-testid="api-token" style={{ wordBreak: 'break-all' }}>{token}</Code>
            <Group gap="xs">
              <CopyButton value={token}>
                {({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? 'Copied' : 'Copy token'}</Button>}
              </CopyButton>
              <Button size="xs" variant="subtle" onClick={() => setShown(false)}>Hide</Button>
            </Group>
          </>
        ) : (
          <Button size="xs" variant="light" w="fit-content" onClick={() => setShown(true)}>Show API token</Button>
        )}
      </Stack>
    </Card>
  );
}

/** /profile, Fleet's "My account": who is signed in, a new password, and the session's API token. */
export default function AccountPage() {
  return (
    <Stack>
      <PageHeader title="My account" />
      <Profile />
      <ChangePassword />
      <ApiToken />
    </Stack>
  );
}
