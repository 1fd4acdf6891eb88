import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { forgotPasswordRequestSchema } from '@fleet/contracts';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { Link } from 'react-router';
import { authApi } from '../api/auth.api';
import { PublicCard } from './public-card';

/**
 * Asks for a password-reset mail. The server answers the same whether or not the address has an account, and
 * so does this page; only a server that cannot send mail (500) is shown as an error.
 */
export default function ForgotPasswordPage() {
  const send = useMutation({ mutationFn: (email: string) => authApi.forgotPassword(email), meta: { failure: false } });
  const form = useForm({ mode: 'uncontrolled', initialValues: { email: '' }, validate: zod4Resolver(forgotPasswordRequestSchema) });
  const back = <Anchor component={Link} to="/login" size="sm">Back to login</Anchor>;
  if (send.isSuccess) {
    return (
      <PublicCard title="Reset password">
        <Alert color="blue" title="Check your email" role="status">If the address belongs to an account, a mail with a link to reset the password is on its way.</Alert>
        {back}
      </PublicCard>
    );
  }
  return (
    <PublicCard title="Reset password">
      <form onSubmit={form.onSubmit((values) => send.mutate(values.email))} noValidate>
        <Stack>
          <Text size="sm">Enter the email address of your account; we mail you a link to choose a new password.</Text>
          {send.error && <Alert color="red" title="Could not send the mail" role="alert">{send.error.message}</Alert>}
          <TextInput label="Email" name="email" type="email" autoComplete="username" autoFocus key={form.key('email')} {...form.getInputProps('email')} />
          <Button type="submit" loading={send.isPending}>Send reset link</Button>
          {back}
        </Stack>
      </form>
    </PublicCard>
  );
}
