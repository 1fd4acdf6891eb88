import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a list shows when it has nothing: what is missing and, where one exists, the way to add it. */
export function Empty({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" gap={6} py="xl" data-testid="empty-state">
      <Text fw={600}>{title}</Text>
      {children && <Text c="dimmed" size="sm" ta="center" maw={420}>{children}</Text>}
      {action}
    </Stack>
  );
}
