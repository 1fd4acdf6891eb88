import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { loginRequestSchema } from '@fleet/contracts';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { Link, useSearchParams } from 'react-router';
import { useLogin } from '../hooks/use-session';
import { PublicCard } from './public-card';

/** Email and password, checked by the same schema the server validates the login with. */
export default function LoginPage() {
  const [params] = useSearchParams();
  const login = useLogin(params.get('next') ?? '/dashboard');
  const form = useForm({ mode: 'uncontrolled', initialValues: { email: '', password: '' }, validate: zod4Resolver(loginRequestSchema) });
  const mailSent = login.data?.mailSent;
  if (mailSent) {
    return (
      <PublicCard title="Check your email">
        <Alert color="blue" title="Check your email" role="status">{mailSent}</Alert>
        <Anchor component="button" type="button" onClick={() => login.reset()}>Back to login</Anchor>
      </PublicCard>
    );
  }
  return (
    <PublicCard title="Log in">
      <form onSubmit={form.onSubmit((values) => login.mutate(values))} noValidate>
        <Stack>
          {login.error && <Alert color="red" title="Login failed" role="alert">{login.error.message}</Alert>}
          <TextInput label="Email" name="email" type="email" autoComplete="username" autoFocus key={form.key('email')} {...form.getInputProps('email')} />
          <PasswordInput label="Password" name="password" autoComplete="current-password" key={form.key('password')} {...form.getInputProps('password')} />
          <Button type="submit" loading={login.isPending}>Log in</Button>
          <Group justify="flex-end">
            <Anchor component={Link} to="/login/forgot" size="sm">Forgot password?</Anchor>
          </Group>
        </Stack>
      </form>
    </PublicCard>
  );
}
