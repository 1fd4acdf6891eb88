import { Alert, Anchor, Button, Divider, Group, Image, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { loginRequestSchema } from '@fleet/contracts';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { Link, useSearchParams } from 'react-router';
import { useLogin } from '../hooks/use-session';
import { SSO_FAILURES, useSsoSettings, useStartSso } from '../hooks/use-sso';
import { PublicCard } from './public-card';

/**
 * Email and password, checked by the same schema the server validates the login with; "Sign in with <IdP>"
 * when single sign-on is on (a refused sign-on comes back here with `?status=`, worded as Fleet does).
 */
export default function LoginPage() {
  const [params] = useSearchParams();
  const next = params.get('next') ?? '/dashboard';
  const login = useLogin(next);
  const sso = useSsoSettings().data;
  const startSso = useStartSso(next);
  const ssoStatus = params.get('status');
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
          {ssoStatus && !login.error && <Alert color="red" title="Single sign-on failed" role="alert">{SSO_FAILURES[ssoStatus] ?? SSO_FAILURES['error']}</Alert>}
          {startSso.error && <Alert color="red" title="Single sign-on failed" role="alert">{startSso.error.message}</Alert>}
          <TextInput label="Email" name="email" type="email" autoComplete="username" autoFocus key={form.key('email')} {...form.getInputProps('email')} />
          <PasswordInput label="Password" name="password" autoComplete="current-password" key={form.key('password')} {...form.getInputProps('password')} />
          <Button type="submit" loading={login.isPending}>Log in</Button>
          <Group justify="flex-end">
            <Anchor component={Link} to="/login/forgot" size="sm">Forgot password?</Anchor>
          </Group>
          {sso?.sso_enabled && (
            <>
              <Divider label="or" labelPosition="center" />
              <Button variant="default" loading={startSso.isPending} onClick={() => startSso.mutate()}
                leftSection={sso.idp_image_url ? <Image src={sso.idp_image_url} alt="" h={18} w={18} fit="contain" /> : undefined}>
                Sign in with {sso.idp_name || 'SSO'}
              </Button>
            </>
          )}
        </Stack>
      </form>
    </PublicCard>
  );
}
