import { SQLite, sql } from '@codemirror/lang-sql';
import { keymap, EditorView } from '@codemirror/view';
import { osqueryTables } from '@fleet/contracts';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import type { SqlEditorProps } from './sql-editor';

/** osquery's tables and their columns, as lang-sql's completion schema (tables first, then `table.column`). */
const SCHEMA: Record<string, string[]> = Object.fromEntries(osqueryTables().map((t) => [t.name, [...t.columns]]));

const theme = EditorView.theme({
  '&': { fontSize: '14px', border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' },
  '&.cm-focused': { outline: '2px solid var(--mantine-color-blue-filled)', outlineOffset: '-1px' },
  '.cm-content': { fontFamily: 'var(--mantine-font-family-monospace)' },
  '.cm-gutters': { backgroundColor: 'var(--mantine-color-gray-0)', color: 'var(--mantine-color-gray-7)' },
});

/** CodeMirror 6 with SQLite's dialect (osquery's engine); loaded lazily by SqlEditor. */
export default function SqlEditorImpl({ value, onChange, onSubmit, minHeight = 120, id, error }: SqlEditorProps) {
  const extensions = useMemo(() => [
    sql({ dialect: SQLite, schema: SCHEMA, upperCaseKeywords: true }),
    EditorView.lineWrapping,
    theme,
    EditorView.theme({ '&': { borderColor: error ? 'var(--mantine-color-error)' : 'var(--mantine-color-default-border)' } }),
    EditorView.contentAttributes.of({ 'aria-labelledby': `${id ?? 'sql-editor'}-label`, 'aria-multiline': 'true', 'aria-invalid': error ? 'true' : 'false', 'data-testid': 'sql-editor' }),
    keymap.of([{ key: 'Mod-Enter', run: () => { onSubmit?.(); return true; } }]),
  ], [onSubmit, id, error]);
  return (
    <CodeMirror value={value} onChange={onChange} extensions={extensions} minHeight={`${minHeight}px`} maxHeight="420px"
      basicSetup={{ foldGutter: false, highlightActiveLine: false, searchKeymap: false }} />
  );
}
