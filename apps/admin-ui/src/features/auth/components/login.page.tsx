import { Alert, Button, Card, Center, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { loginRequestSchema } from '@fleet/contracts';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useSearchParams } from 'react-router';
import { Logo } from '../../../shared/components/logo';
import { useLogin } from '../hooks/use-session';

/** Email and password, checked by the same schema the server validates the login with. */
export default function LoginPage() {
  const [params] = useSearchParams();
  const login = useLogin(params.get('next') ?? '/dashboard');
  const form = useForm({ mode: 'uncontrolled', initialValues: { email: '', password: '' }, validate: zod4Resolver(loginRequestSchema) });
  return (
    <Center mih="100vh" p="md" component="main">
      <Card withBorder w={400} maw="100%" padding="lg">
        <form onSubmit={form.onSubmit((values) => login.mutate(values))} noValidate>
          <Stack>
            <Logo />
            <Title order={1} size="h3">Log in</Title>
            {login.error && <Alert color="red" title="Login failed" role="alert">{login.error.message}</Alert>}
            <TextInput label="Email" name="email" type="email" autoComplete="username" autoFocus key={form.key('email')} {...form.getInputProps('email')} />
            <PasswordInput label="Password" name="password" autoComplete="current-password" key={form.key('password')} {...form.getInputProps('password')} />
            <Button type="submit" loading={login.isPending}>Log in</Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
