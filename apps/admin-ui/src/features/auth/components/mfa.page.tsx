import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useMfaLogin } from '../hooks/use-session';
import { PublicCard } from './public-card';

/**
 * The page of the two-factor login mail's link (/login/mfa/<token>). The token works once, so the login is
 * finished by a button, not on load (a mail scanner opening the link would use it up).
 */
export default function MfaPage() {
  const { token = '' } = useParams();
  const mfa = useMfaLogin();
  return (
    <PublicCard title="Log in to Fleet">
      <Stack>
        <Text size="sm">Finish the login you started with your email and password.</Text>
        {mfa.error && <Alert color="red" title="Login failed" role="alert">{mfa.error.message}. The link works once, for 15 minutes; log in again for a new one.</Alert>}
        <Button onClick={() => mfa.mutate(token)} loading={mfa.isPending}>Log in</Button>
        <Anchor component={Link} to="/login" size="sm">Back to login</Anchor>
      </Stack>
    </PublicCard>
  );
}
