import { Badge } from '@mantine/core';

// Shade 8/9 keeps the badge text at 4.5:1 contrast on the light variant's background (axe color-contrast).
const COLORS: Record<string, string> = { online: 'green.9', offline: 'gray.8', new: 'blue.9', missing: 'red.9' };

/** A host's status as Fleet names it. */
export function StatusBadge({ status }: { status: string }) {
  return <Badge color={COLORS[status] ?? 'gray.8'} variant="light">{status}</Badge>;
}
