import { Alert, Card, Skeleton, Stack } from '@mantine/core';

/** Grey bars in the shape of a table while its first page loads. */
export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Stack gap={10} aria-busy="true" aria-label="Loading" data-testid="table-skeleton">
      <Skeleton height={28} />
      {Array.from({ length: rows }, (_, i) => <Skeleton key={i} height={20} />)}
    </Stack>
  );
}

/** A card's placeholder while its numbers load. */
export function CardSkeleton({ height = 90 }: { height?: number }) {
  return <Card withBorder aria-busy="true" aria-label="Loading"><Skeleton height={height} /></Card>;
}

/** A query that failed: the server's reason, never a stack. */
export function LoadError({ error, what }: { error: Error; what: string }) {
  return <Alert color="red" title={`Could not load ${what}`}>{error.message}</Alert>;
}
