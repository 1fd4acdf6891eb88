import { Box, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';

const ROW_HEIGHT = 32;

/** Column widths in `ch` from the header and the first rows' values, between 8 and 48. */
function widthsOf(columns: readonly string[], rows: ReadonlyArray<Record<string, string>>): string {
  const sample = rows.slice(0, 200);
  return columns.map((c) => {
    const longest = sample.reduce((m, r) => Math.max(m, (r[c] ?? '').length), c.length + 2);
    return `${Math.min(48, Math.max(8, longest + 2))}ch`;
  }).join(' ');
}

/**
 * Rows of any count in a box of fixed height that scrolls both ways inside the page (the page itself never
 * widens): only the rows in view are in the DOM (@tanstack/react-virtual), the header stays on top, long values
 * are cut with an ellipsis and shown whole on hover.
 */
export function ResultsGrid({ columns, rows, label, height = 480, testId }: {
  columns: readonly string[]; rows: ReadonlyArray<Record<string, string>>; label: string; height?: number; testId?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // Widths follow the column set and the first rows, not every appended row.
  const template = useMemo(() => widthsOf(columns, rows), [columns, rows.length > 0]);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const cell = { padding: '0 10px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', lineHeight: `${ROW_HEIGHT}px` } as const;
  return (
    <Box ref={scroller} tabIndex={0} role="table" aria-label={label} aria-rowcount={rows.length + 1} data-testid={testId}
      style={{ height: Math.min(height, (rows.length + 1) * ROW_HEIGHT + 2), overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4, maxWidth: '100%' }}>
      <Box style={{ width: 'max-content', minWidth: '100%' }}>
        <Box role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 1, background: 'var(--mantine-color-gray-1)' }}>
          <Box role="row" aria-rowindex={1} style={{ display: 'grid', gridTemplateColumns: template, fontWeight: 600, fontSize: 14 }}>
            {columns.map((c) => <Box key={c} role="columnheader" style={cell}>{c}</Box>)}
          </Box>
        </Box>
        <Box role="rowgroup" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const values = rows[v.index] ?? {};
            return (
              <Box key={v.key} role="row" aria-rowindex={v.index + 2} data-index={v.index}
                style={{ display: 'grid', gridTemplateColumns: template, position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`, fontSize: 14, borderTop: '1px solid var(--mantine-color-gray-2)', background: v.index % 2 ? 'var(--mantine-color-gray-0)' : undefined }}>
                {columns.map((c) => <Box key={c} role="cell" title={values[c]} style={cell}>{values[c]}</Box>)}
              </Box>
            );
          })}
        </Box>
      </Box>
      {rows.length === 0 && <Text p="sm" size="sm" c="dimmed">No rows.</Text>}
    </Box>
  );
}
