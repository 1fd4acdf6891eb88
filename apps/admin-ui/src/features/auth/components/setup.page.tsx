import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { URL_PREFIX } from '../../../api/url-prefix';
import { authApi } from '../api/auth.api';
import { useStartSession } from '../hooks/use-session';
import { PublicCard } from './public-card';

interface SetupValues {
  name: string;
  email: string;
  password: string;
  confirmation: string;
  orgName: string;
  serverUrl: string;
}

/**
 * First-run setup (/setup; the server sends every page here while no user exists): the first admin, the
 * organisation's name and the URL agents and mails use. The server checks the password rules and answers with
 * the new admin's session, so setup ends signed in on the dashboard.
 */
export default function SetupPage() {
  const start = useStartSession();
  const setup = useMutation({
    mutationFn: async (v: SetupValues) => {
      const res = await authApi.setup({
        admin: { admin: true, name: v.name, email: v.email, password: v.password, password_confirmation: v.confirmation },
        org_info: { org_name: v.orgName },
        ...(v.serverUrl.trim() ? { server_url: v.serverUrl.trim() } : {}),
      });
      await start(res.token, '/dashboard');
    },
    meta: { failure: false },
  });
  const form = useForm<SetupValues>({
    mode: 'uncontrolled',
    initialValues: { name: '', email: '', password: '', confirmation: '', orgName: '', serverUrl: `${window.location.origin}${URL_PREFIX}` },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name'),
      email: (v) => (/^\S+@\S+$/.test(v.trim()) ? null : 'Enter an email address'),
      password: (v) => (v ? null : 'Choose a password'),
      confirmation: (v, all) => (v === all.password ? null : 'The passwords do not match'),
      orgName: (v) => (v.trim() ? null : "Enter your organisation's name"),
      serverUrl: (v) => (!v.trim() || /^https?:\/\/\S+$/.test(v.trim()) ? null : 'Enter a URL starting with https:// or http://'),
    },
  });
  return (
    <PublicCard title="Set up Fleet">
      <Text size="sm">No account exists yet. Create the first admin; you will be signed in as them.</Text>
      <form onSubmit={form.onSubmit((v) => setup.mutate(v))} noValidate>
        <Stack>
          {setup.error && <Alert color="red" title="Setup failed" role="alert">{setup.error.message}</Alert>}
          <TextInput label="Full name" name="name" autoComplete="name" autoFocus key={form.key('name')} {...form.getInputProps('name')} />
          <TextInput label="Email" name="email" type="email" autoComplete="email" key={form.key('email')} {...form.getInputProps('email')} />
          <PasswordInput
            label="Password" name="password" autoComplete="new-password" key={form.key('password')} {...form.getInputProps('password')}
            description="12 to 48 characters, with a number and a symbol."
          />
          <PasswordInput label="Confirm password" name="password_confirmation" autoComplete="new-password" key={form.key('confirmation')} {...form.getInputProps('confirmation')} />
          <TextInput label="Organisation name" name="org_name" autoComplete="organization" key={form.key('orgName')} {...form.getInputProps('orgName')} />
          <TextInput
            label="Fleet URL" name="server_url" key={form.key('serverUrl')} {...form.getInputProps('serverUrl')}
            description="The address agents and emailed links use to reach this server."
          />
          <Button type="submit" loading={setup.isPending}>Create admin and sign in</Button>
        </Stack>
      </form>
    </PublicCard>
  );
}
