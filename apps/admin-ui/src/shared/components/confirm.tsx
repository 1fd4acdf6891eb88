import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { ReactNode } from 'react';

export interface ConfirmOptions {
  readonly title: string;
  readonly message: ReactNode;
  /** The confirm button's label, naming the action ("Delete 3 hosts"). */
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
}

/** Asks before a destructive action: a modal whose red button names what happens; Cancel has the focus. */
export function confirmDestructive({ title, message, confirmLabel, onConfirm }: ConfirmOptions): void {
  modals.openConfirmModal({
    title,
    children: typeof message === 'string' ? <Text size="sm">{message}</Text> : message,
    labels: { confirm: confirmLabel, cancel: 'Cancel' },
    confirmProps: { color: 'red' },
    cancelProps: { 'data-autofocus': true },
    onConfirm,
  });
}
