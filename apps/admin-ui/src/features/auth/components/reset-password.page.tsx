import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { notifySuccess } from '../../../shared/components/notify';
import { authApi } from '../api/auth.api';
import { PublicCard } from './public-card';

/** A new password for the token of the mailed link (/login/reset?token=…); the server checks the password rules and the token. */
export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const reset = useMutation({
    mutationFn: (v: { password: string; confirmation: string }) =>
      authApi.resetPassword({ password_reset_token: token, new_password: v.password, new_password_confirmation: v.confirmation }),
    meta: { failure: false },
    onSuccess: async () => {
      notifySuccess('Your password was changed. Log in with the new one.');
      await navigate('/login', { replace: true });
    },
  });
  const form = useForm({
    mode: 'uncontrolled', initialValues: { password: '', confirmation: '' },
    validate: {
      password: (v) => (v ? null : 'Enter a new password'),
      confirmation: (v, all) => (v === all.password ? null : 'The passwords do not match'),
    },
  });
  return (
    <PublicCard title="Set a new password">
      {!token ? (
        <Alert color="red" title="No reset token" role="alert">Open the link of the password-reset mail, or ask for a new one.</Alert>
      ) : (
        <form onSubmit={form.onSubmit((values) => reset.mutate(values))} noValidate>
          <Stack>
            {reset.error && <Alert color="red" title="Could not change the password" role="alert">{reset.error.message}</Alert>}
            <PasswordInput label="New password" name="new_password" autoComplete="new-password" autoFocus key={form.key('password')} {...form.getInputProps('password')} />
            <PasswordInput label="Confirm new password" name="new_password_confirmation" autoComplete="new-password" key={form.key('confirmation')} {...form.getInputProps('confirmation')} />
            <Button type="submit" loading={reset.isPending}>Change password</Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login/forgot" size="sm">Ask for a new link</Anchor>
    </PublicCard>
  );
}
