import { Card, Center, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Logo } from '../../../shared/components/logo';

/** The frame of the pages shown without a session (login, password recovery, invites): the logo, a title and the content. */
export function PublicCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" component="main">
      <Card withBorder w={400} maw="100%" padding="lg">
        <Stack>
          <Logo />
          <Title order={1} size="h3">{title}</Title>
          {children}
        </Stack>
      </Card>
    </Center>
  );
}
