import { Alert, Button, Card, Center, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { session } from '../api/session';

export function LoginPage() {
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ token: string }>('POST', '/login', { email, password });
      session.save(res.token);
      await navigate('/hosts');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Center h="100vh">
      <Card withBorder w={380} padding="lg">
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Title order={2}>Fleet</Title>
            {error && <Alert color="red" title="Login failed">{error}</Alert>}
            <TextInput label="Email" name="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} required autoFocus />
            <PasswordInput label="Password" name="password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
            <Button type="submit" loading={busy}>Log in</Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
