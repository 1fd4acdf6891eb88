import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import type { InviteDto } from '@fleet/contracts';
import { authApi } from '../api/auth.api';
import { useSsoSettings, useStartSso } from '../hooks/use-sso';

/**
 * An invitation for single sign-on (Fleet's /login/ssoinvites page): the invitee confirms their name, the account
 * is created without a password, and the browser goes to the identity provider to sign in.
 */
export function SsoInviteForm({ token, invite }: { token: string; invite: InviteDto }) {
  const sso = useSsoSettings().data;
  const startSso = useStartSso('/dashboard');
  const accept = useMutation({
    mutationFn: async (v: { name: string }) => {
      await authApi.acceptInvite({ email: invite.email, invite_token: token, name: v.name });
      await startSso.mutateAsync();
    },
    meta: { failure: false },
  });
  const form = useForm({ mode: 'uncontrolled', initialValues: { name: invite.name }, validate: { name: (v) => (v.trim() ? null : 'Enter your name') } });
  const idp = sso?.idp_name || 'SSO';
  return (
    <form onSubmit={form.onSubmit((values) => accept.mutate(values))} noValidate>
      <Stack>
        <Text size="sm">You were invited to Fleet as <strong>{invite.email}</strong>, signing in with single sign-on. Confirm your name to create your account.</Text>
        {accept.error && <Alert color="red" title="Could not create the account" role="alert">{accept.error.message}</Alert>}
        {sso && !sso.sso_enabled && <Alert color="orange" title="Single sign-on is off" role="status">Ask an administrator to turn single sign-on on, or for an invitation with a password.</Alert>}
        <TextInput label="Email" name="email" type="email" autoComplete="username" value={invite.email} readOnly />
        <TextInput label="Full name" name="name" autoComplete="name" key={form.key('name')} {...form.getInputProps('name')} />
        <Button type="submit" loading={accept.isPending} disabled={sso !== undefined && !sso.sso_enabled}>Create account and sign in with {idp}</Button>
      </Stack>
    </form>
  );
}
