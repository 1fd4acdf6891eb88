import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import type { Column, RowData } from '@tanstack/react-table';
import type { Features } from '../../../shared/table/table-features';

/** Checkboxes to show or hide the table's columns; required columns (name, selection) are not offered. */
export function ColumnChooser<T extends RowData>({ columns, visible, onChange }: { columns: ReadonlyArray<Column<Features, T>>; visible: readonly string[]; onChange: (ids: string[]) => void }) {
  const choosable = columns.filter((c) => !c.columnDef.meta?.required);
  const toggle = (id: string, on: boolean) => onChange(on ? [...visible, id] : visible.filter((v) => v !== id));
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default">Columns</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6} role="group" aria-label="Visible columns">
          {choosable.map((c) => {
            const label = c.columnDef.meta?.label ?? (typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id);
            return <Checkbox key={c.id} label={label} checked={visible.includes(c.id)} onChange={(e) => toggle(c.id, e.currentTarget.checked)} />;
          })}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
