import { Alert, Anchor, Button, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { InviteDto } from '@fleet/contracts';
import { Link, useNavigate, useParams } from 'react-router';
import { notifySuccess } from '../../../shared/components/notify';
import { authApi } from '../api/auth.api';
import { useLogin } from '../hooks/use-session';
import { PublicCard } from './public-card';
import { SsoInviteForm } from './sso-invite-form';

function AcceptForm({ token, invite }: { token: string; invite: InviteDto }) {
  const navigate = useNavigate();
  const login = useLogin('/dashboard');
  const accept = useMutation({
    mutationFn: (v: { name: string; password: string; confirmation: string }) => authApi.acceptInvite({
      email: invite.email, invite_token: token, name: v.name, password: v.password, password_confirmation: v.confirmation,
    }),
    meta: { failure: false },
    onSuccess: async (_res, v) => {
      notifySuccess('Your account was created.');
      // Log in with the new password; if that does not finish here (two-factor login, rate limit), the login page takes over.
      const done = await login.mutateAsync({ email: invite.email, password: v.password }).catch(() => null);
      if (!done || done.mailSent) await navigate('/login', { replace: true });
    },
  });
  const form = useForm({
    mode: 'uncontrolled', initialValues: { name: invite.name, password: '', confirmation: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name'),
      password: (v) => (v ? null : 'Enter a password'),
      confirmation: (v, all) => (v === all.password ? null : 'The passwords do not match'),
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => accept.mutate(values))} noValidate>
      <Stack>
        <Text size="sm">You were invited to Fleet as <strong>{invite.email}</strong>. Choose your name and a password to create your account.</Text>
        {accept.error && <Alert color="red" title="Could not create the account" role="alert">{accept.error.message}</Alert>}
        <TextInput label="Email" name="email" type="email" autoComplete="username" value={invite.email} readOnly />
        <TextInput label="Full name" name="name" autoComplete="name" key={form.key('name')} {...form.getInputProps('name')} />
        <PasswordInput label="Password" name="password" autoComplete="new-password" key={form.key('password')} {...form.getInputProps('password')} />
        <PasswordInput label="Confirm password" name="password_confirmation" autoComplete="new-password" key={form.key('confirmation')} {...form.getInputProps('confirmation')} />
        <Button type="submit" loading={accept.isPending || login.isPending}>Create account</Button>
      </Stack>
    </form>
  );
}

/**
 * The page of an invitation mail's link (/login/invites/<token>, and /login/ssoinvites/<token> for an SSO invite):
 * who was invited, and the form that creates their account (with a password, or signing in through the IdP).
 */
export default function InvitePage() {
  const { token = '' } = useParams();
  const invite = useQuery({ queryKey: ['invite-token', token], queryFn: ({ signal }) => authApi.invite(token, signal), retry: false, meta: { failure: false } });
  return (
    <PublicCard title="Welcome to Fleet">
      {invite.isPending && <Loader aria-label="Loading the invitation" />}
      {invite.error && <Alert color="red" title="This invitation cannot be used" role="alert">{invite.error.message}. It may have been used or withdrawn; ask an administrator for a new one.</Alert>}
      {invite.data && (invite.data.invite.sso_enabled
        ? <SsoInviteForm token={token} invite={invite.data.invite} />
        : <AcceptForm token={token} invite={invite.data.invite} />)}
      <Anchor component={Link} to="/login" size="sm">Back to login</Anchor>
    </PublicCard>
  );
}
