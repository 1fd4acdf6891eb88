import {
  columnVisibilityFeature, createColumnHelper, createSortedRowModel, metaHelper, rowSelectionFeature, rowSortingFeature, sortFn_alphanumeric,
  sortFn_basic, sortFn_text, tableFeatures,
} from '@tanstack/react-table';
import type { RowData } from '@tanstack/react-table';

/** What a column says about itself beyond TanStack's definition. */
export interface FleetColumnMeta {
  /** The column's name where its header is not text (the column chooser, a checkbox column). */
  readonly label?: string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  /** Never hidden by the column chooser (the name column, the selection checkbox). */
  readonly required?: boolean;
}

/**
 * The table features every table of the UI uses (TanStack Table v9 registers features explicitly so unused
 * ones are not bundled): sorting (server-side tables set `manualSorting`), column visibility for the column
 * chooser, and row selection for bulk actions. Keep one registry so `DataTable` renders any table.
 */
export const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, basic: sortFn_basic },
  columnVisibilityFeature,
  rowSelectionFeature,
  columnMeta: metaHelper<FleetColumnMeta>(),
});
export type Features = typeof features;

/** A column helper for rows of type T, typed by the shared feature registry. */
export const columnsFor = <T extends RowData>() => createColumnHelper<Features, T>();
