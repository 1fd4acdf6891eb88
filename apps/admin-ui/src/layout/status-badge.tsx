import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = { online: 'green', offline: 'gray', new: 'blue', missing: 'red' };

export function StatusBadge({ status }: { status: string }) {
  return <Badge color={COLORS[status] ?? 'gray'} variant="light">{status}</Badge>;
}
