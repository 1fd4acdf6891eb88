import { AppShell, Burger, Button, Group, Menu, NavLink, ScrollArea, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useLogout, useMe } from '../features/auth/hooks/use-session';
import { Logo } from '../shared/components/logo';

/** The sections in the navigation, in order. `match` is the path prefix that marks the link as current. */
const SECTIONS = [
  { to: '/dashboard', label: 'Dashboard', match: '/dashboard' },
  { to: '/hosts/manage', label: 'Hosts', match: '/hosts' },
  { to: '/live-query', label: 'Live query', match: '/live-query' },
  { to: '/queries', label: 'Queries', match: '/queries' },
  { to: '/policies', label: 'Policies', match: '/policies' },
  { to: '/activity', label: 'Activity', match: '/activity' },
];

function UserMenu() {
  const me = useMe().data;
  const logout = useLogout();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="Account menu" px="xs">
          <Text size="sm" fw={500} truncate maw={180}>{me?.user.name || me?.user.email || 'Account'}</Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {me && <Menu.Label>{me.user.email}</Menu.Label>}
        <Menu.Item onClick={() => logout.mutate()}>Sign out</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * Header (logo, menu button on narrow screens, account menu), navigation and the page. Below 768 px the
 * navigation collapses behind the burger and closes again once a page is chosen.
 */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
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
            <Button component={Link} to="/hosts/manage?add=1" size="xs" variant="light" visibleFrom="xs">Add hosts</Button>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="main-navigation" aria-label="Main navigation" component="nav">
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
      </AppShell.Main>
    </AppShell>
  );
}
