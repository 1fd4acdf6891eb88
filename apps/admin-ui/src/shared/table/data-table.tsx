import { Box, Table, UnstyledButton } from '@mantine/core';
import type { ReactTable, Row, RowData, Table as CoreTable } from '@tanstack/react-table';
import type { CSSProperties, ReactNode } from 'react';
import type { Features } from './table-features';

type AnyTable<T extends RowData> = ReactTable<Features, T, unknown>;

const ARROW = { asc: '▲', desc: '▼' } as const;

/**
 * What Mantine's `Table.Tr` adds to a body row of a `striped highlightOnHover` table with row borders. Body rows
 * and cells are plain elements with Table's own classes: a page of 50 rows × 9 cells as `Table.Tr`/`Table.Td`
 * runs Mantine's props and styles hooks 500 times, a visible part of the host list's first render (bench/ui).
 */
const ROW_ATTRIBUTES = { 'data-striped': 'odd', 'data-hover': true, 'data-with-row-border': true } as const;

/** Native checkboxes: a Mantine `Checkbox` per row was the costliest cell of the host list's first render. */
const CHECKBOX_STYLE: CSSProperties = { width: 18, height: 18, margin: 0, verticalAlign: 'middle', cursor: 'pointer', accentColor: 'var(--mantine-primary-color-filled)' };

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
              <tr key={row.id} className={Table.classes.tr} {...ROW_ATTRIBUTES} data-selected={row.getIsSelected() || undefined}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={Table.classes.td} style={{ textAlign: cell.column.columnDef.meta?.numeric ? 'right' : undefined, whiteSpace: nowrap ? 'nowrap' : undefined }}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && empty}
    </Box>
  );
}

/** The header checkbox of a selection column: all rows of the page (mixed while only some are selected). */
export function SelectAllCheckbox<T extends RowData>({ table, label }: { table: CoreTable<Features, T>; label: string }) {
  const some = table.getIsSomePageRowsSelected();
  return (
    <input type="checkbox" aria-label={label} style={CHECKBOX_STYLE} checked={table.getIsAllPageRowsSelected()}
      ref={(el) => { if (el) el.indeterminate = some; }} onChange={table.getToggleAllPageRowsSelectedHandler()} />
  );
}

/** A row's checkbox; `name` is what the row is called ("Select alice-mbp"). */
export function RowCheckbox<T extends RowData>({ row, name }: { row: Row<Features, T>; name: string }) {
  return <input type="checkbox" aria-label={`Select ${name}`} style={CHECKBOX_STYLE} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />;
}
