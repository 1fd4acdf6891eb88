import { Button, Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One section of the settings in a card: its fields, and Save for those who may change them. */
export function SettingsSection({ onSubmit, writable, saving, children, extra, note }: {
  onSubmit: (e?: React.FormEvent<HTMLFormElement>) => void; writable: boolean; saving: boolean; children: ReactNode; extra?: ReactNode; note?: ReactNode;
}) {
  return (
    <Card withBorder>
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={680}>
          {note && <Text size="sm" c="dimmed">{note}</Text>}
          {children}
          {(writable || extra) && (
            <Group>
              {writable && <Button type="submit" loading={saving}>Save</Button>}
              {extra}
            </Group>
          )}
          {!writable && <Text size="sm" c="dimmed">Only admins change these settings.</Text>}
        </Stack>
      </form>
    </Card>
  );
}
