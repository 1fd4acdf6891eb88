import { Group, Pagination, Select, Text } from '@mantine/core';

const SIZES = ['25', '50', '100'];

/**
 * Page controls for a server-paged list (`page` is 0-based, as Fleet's API): every button has a name
 * ("Page 3", "Next page"), and the rows-per-page choice is a labelled select.
 */
export function Pager({ page, perPage, total, onPage, onPerPage, label }: {
  page: number; perPage: number; total: number; onPage: (page: number) => void; onPerPage?: (perPage: number) => void; label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const first = total === 0 ? 0 : page * perPage + 1;
  const last = Math.min(total, (page + 1) * perPage);
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Text size="sm" c="dimmed" aria-live="polite">{total === 0 ? 'Nothing to show' : `${first}–${last} of ${total.toLocaleString()}`}</Text>
      <Group gap="sm" wrap="wrap">
        {onPerPage && (
          <Select aria-label="Rows per page" data={SIZES} value={String(perPage)} w={80} size="xs" allowDeselect={false}
            onChange={(v) => v && onPerPage(Number(v))} />
        )}
        {pages > 1 && (
          <Pagination total={pages} value={page + 1} onChange={(p) => onPage(p - 1)} size="sm" siblings={1} aria-label={label}
            getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
            getControlProps={(control) => ({ 'aria-label': { first: 'First page', last: 'Last page', next: 'Next page', previous: 'Previous page' }[control] })} />
        )}
      </Group>
    </Group>
  );
}
