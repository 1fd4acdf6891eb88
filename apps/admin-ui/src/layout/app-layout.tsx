import { AppShell, Button, Group, NavLink, Title } from '@mantine/core';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { session } from '../api/session';

const LINKS = [
  { to: '/hosts', label: 'Hosts' },
  { to: '/live-query', label: 'Live query' },
  { to: '/queries', label: 'Queries' },
  { to: '/policies', label: 'Policies' },
  { to: '/activity', label: 'Activity' },
];

/** Header with sign-out, navigation on the left, the page in the middle. */
export function AppLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = async () => {
    await api('POST', '/logout').catch(() => undefined);
    session.clear();
    await navigate('/login');
  };
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={3}>Fleet</Title>
          <Button variant="subtle" onClick={() => void signOut()}>Sign out</Button>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {LINKS.map((l) => (
          <NavLink key={l.to} component={Link} to={l.to} label={l.label} active={location.pathname.startsWith(l.to)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
