import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Column<T> {
  readonly title: string;
  readonly cell: (row: T) => ReactNode;
}

/** A striped table of `rows`, one column per entry of `columns`. */
export function DataTable<T extends { id: number }>({ rows, columns, testId }: { rows: readonly T[]; columns: ReadonlyArray<Column<T>>; testId?: string }) {
  return (
    <Table striped highlightOnHover data-testid={testId}>
      <Table.Thead><Table.Tr>{columns.map((c) => <Table.Th key={c.title}>{c.title}</Table.Th>)}</Table.Tr></Table.Thead>
      <Table.Tbody>
        {rows.map((r) => <Table.Tr key={r.id}>{columns.map((c) => <Table.Td key={c.title}>{c.cell(r)}</Table.Td>)}</Table.Tr>)}
      </Table.Tbody>
    </Table>
  );
}
