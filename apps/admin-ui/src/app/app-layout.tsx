import { Anchor, AppShell, Burger, Button, Group, NavLink, ScrollArea, Skeleton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { lazy, Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation, useSearchParams } from 'react-router';
import { useLogout, useMe } from '../features/auth/hooks/use-session';
import { Logo } from '../shared/components/logo';

const AddHostsDialog = lazy(() => import('../features/add-hosts/components/add-hosts.dialog').then((m) => ({ default: m.AddHostsDialog })));

/** The "Add hosts" dialog, open over any page while its URL has `add_hosts=1`. */
function AddHosts() {
  const [params, setParams] = useSearchParams();
  if (params.get('add_hosts') !== '1') return null;
  const close = () => setParams((p) => { const next = new URLSearchParams(p); next.delete('add_hosts'); return next; }, { replace: true });
  return <Suspense fallback={null}><AddHostsDialog opened onClose={close} /></Suspense>;
}

/** The sections in the navigation, in order. `match` is the path prefix that marks the link as current. */
const SECTIONS = [
  { to: '/dashboard', label: 'Dashboard', match: '/dashboard' },
  { to: '/hosts/manage', label: 'Hosts', match: '/hosts' },
  { to: '/live-query', label: 'Live query', match: '/live-query' },
  { to: '/queries', label: 'Queries', match: '/queries' },
  { to: '/policies', label: 'Policies', match: '/policies' },
  { to: '/software', label: 'Software', match: '/software' },
  { to: '/vulnerabilities', label: 'Vulnerabilities', match: '/vulnerabilities' },
  { to: '/labels', label: 'Labels', match: '/labels' },
  { to: '/teams', label: 'Teams', match: '/teams' },
  { to: '/activity', label: 'Activity', match: '/activity' },
  { to: '/users', label: 'Users', match: '/users' },
  { to: '/settings', label: 'Settings', match: '/settings' },
];

/** Who is signed in (a link to their account page), and the way out (a plain button: no menu library in the first page's bundle). */
function Account() {
  const me = useMe().data;
  const logout = useLogout();
  return (
    <Group gap="xs" wrap="nowrap">
      <Anchor component={Link} to="/profile" size="sm" fw={500} truncate maw={{ base: 110, sm: 180 }} title={`My account (${me?.user.email ?? ''})`}>
        {me?.user.name || me?.user.email}
      </Anchor>
      <Button variant="subtle" size="xs" onClick={() => logout.mutate()}>Sign out</Button>
    </Group>
  );
}

/**
 * Header (logo, menu button on narrow screens, the account), navigation and the page. Below 768 px the
 * navigation collapses behind the burger (and is inert while folded away, so Tab never lands on a link off
 * screen) and closes again once a page is chosen.
 */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  useEffect(close, [location.pathname, close]);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 210, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened} aria-controls="main-navigation" />
            <Link to="/dashboard" aria-label="Fleet dashboard" style={{ color: 'inherit', textDecoration: 'none' }}><Logo /></Link>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Account />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="main-navigation" aria-label="Main navigation" component="nav" inert={narrow && !opened}>
        <ScrollArea>
          {SECTIONS.map((s) => (
            <NavLink key={s.to} component={Link} to={s.to} label={s.label} active={location.pathname.startsWith(s.match)}
              aria-current={location.pathname.startsWith(s.match) ? 'page' : undefined} />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Skeleton height={36} width={240} aria-label="Loading page" />}>
          <Outlet />
        </Suspense>
        <AddHosts />
      </AppShell.Main>
    </AppShell>
  );
}
