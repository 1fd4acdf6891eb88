import { Input, Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';

const CodeEditor = lazy(() => import('./sql-editor.impl'));

export interface SqlEditorProps {
  readonly value: string;
  readonly onChange: (sql: string) => void;
  /** Ctrl/Cmd+Enter. */
  readonly onSubmit?: () => void;
  readonly label: string;
  readonly error?: string | null;
  readonly minHeight?: number;
  readonly id?: string;
}

/**
 * The SQL editor (syntax highlighting, completion of osquery's tables and columns). CodeMirror and the table list
 * load in their own chunk when an editor is first shown, so pages without one never pay for them; a grey box of
 * the editor's height stands in meanwhile.
 */
export function SqlEditor(props: SqlEditorProps) {
  const id = props.id ?? 'sql-editor';
  return (
    // The error in red.9: Mantine's default red at 12 px is 3.3:1 on white (axe: 4.5:1 needed).
    <Input.Wrapper label={props.label} error={props.error} id={id} labelProps={{ id: `${id}-label` }} errorProps={{ c: 'red.9', fz: 'sm' }}>
      <Suspense fallback={<Skeleton height={props.minHeight ?? 120} aria-label="Loading the editor" />}>
        <CodeEditor {...props} id={id} />
      </Suspense>
    </Input.Wrapper>
  );
}
