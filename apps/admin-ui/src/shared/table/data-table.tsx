import { Box, Checkbox, Table, UnstyledButton } from '@mantine/core';
import type { ReactTable, Row, RowData, Table as CoreTable } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { Features } from './table-features';

type AnyTable<T extends RowData> = ReactTable<Features, T, unknown>;

const ARROW = { asc: '▲', desc: '▼' } as const;

/**
 * Renders a table built with the shared features: header buttons that sort (aria-sort on the header cell),
 * visible columns only, a horizontal scroll area so wide tables never widen the page, and `empty` when there
 * are no rows. The caller owns fetching (server-side sorting sets `manualSorting`).
 */
export function DataTable<T extends RowData>({ table, rows: shownRows, label, empty, minWidth = 600, busy = false, testId, nowrap = false }: {
  table: AnyTable<T>;
  /** The rows to render when the caller pages client-side (default: the table's row model). */
  rows?: ReadonlyArray<Row<Features, T>>;
  /** The table's accessible name. */
  label: string;
  empty?: ReactNode;
  minWidth?: number;
  /** A newer page is on its way: the rows dim instead of disappearing. */
  busy?: boolean;
  testId?: string;
  /** Cells on one line: a wide table scrolls sideways instead of growing tall. */
  nowrap?: boolean;
}) {
  const rows = shownRows ?? table.getRowModel().rows;
  return (
    <Box>
      <Table.ScrollContainer minWidth={minWidth} type="native">
        <Table striped highlightOnHover aria-label={label} aria-busy={busy} data-testid={testId} style={{ opacity: busy ? 0.6 : 1 }}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  const meta = header.column.columnDef.meta;
                  return (
                    <Table.Th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : canSort ? 'none' : undefined}
                      style={{ textAlign: meta?.numeric ? 'right' : undefined, whiteSpace: 'nowrap' }}>
                      {header.isPlaceholder ? null : canSort ? (
                        <UnstyledButton onClick={header.column.getToggleSortingHandler()} fw={600} fz="sm">
                          <table.FlexRender header={header} />
                          <Box component="span" aria-hidden ml={4} c={sorted ? undefined : 'dimmed'}>{sorted ? ARROW[sorted] : '↕'}</Box>
                        </UnstyledButton>
                      ) : <table.FlexRender header={header} />}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id} data-selected={row.getIsSelected() || undefined}>
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id} style={{ textAlign: cell.column.columnDef.meta?.numeric ? 'right' : undefined, whiteSpace: nowrap ? 'nowrap' : undefined }}>
                    <table.FlexRender cell={cell} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && empty}
    </Box>
  );
}

/** The header checkbox of a selection column: all rows of the page. */
export function SelectAllCheckbox<T extends RowData>({ table, label }: { table: CoreTable<Features, T>; label: string }) {
  return (
    <Checkbox aria-label={label} checked={table.getIsAllPageRowsSelected()} indeterminate={table.getIsSomePageRowsSelected()}
      onChange={table.getToggleAllPageRowsSelectedHandler()} />
  );
}

/** A row's checkbox; `name` is what the row is called ("Select alice-mbp"). */
export function RowCheckbox<T extends RowData>({ row, name }: { row: Row<Features, T>; name: string }) {
  return <Checkbox aria-label={`Select ${name}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />;
}
