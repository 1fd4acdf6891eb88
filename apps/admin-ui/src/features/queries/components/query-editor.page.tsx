import { Alert, Anchor, Button, Checkbox, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { createQueryRequestSchema } from '@fleet/contracts';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { confirmDestructive } from '../../../shared/components/confirm';
import { PageHeader } from '../../../shared/components/page-header';
import { CardSkeleton, LoadError } from '../../../shared/components/skeletons';
import { useSqlCheck } from '../../../shared/sql-editor/sql-check';
import { SqlEditor } from '../../../shared/sql-editor/sql-editor';
import { useCreateQuery, useDeleteQuery, useModifyQuery, useSavedQuery } from '../hooks/use-queries';

const PLATFORMS = [{ value: '', label: 'All platforms' }, { value: 'darwin', label: 'macOS' }, { value: 'linux', label: 'Linux' }, { value: 'windows', label: 'Windows' }];
const LOGGING = [{ value: 'snapshot', label: 'Snapshot' }, { value: 'differential', label: 'Differential' }, { value: 'differential_ignore_removals', label: 'Differential (ignore removals)' }];
type Logging = 'snapshot' | 'differential' | 'differential_ignore_removals';

const EMPTY = { name: '', description: '', query: '', interval: 0, platform: '', logging: 'snapshot' as Logging, observer_can_run: false };

type Values = typeof EMPTY;

/**
 * Creates a saved query (`/queries/new`) or edits one (`/queries/:id`): SQL in the SQL editor, schedule,
 * platform and logging, validated by the schema the server validates with, and the SQL checked by the server
 * (SQLite's parser) before it is saved: SQL that cannot be parsed is refused with SQLite's reason under the
 * editor. The form appears once the saved values are loaded, so nothing typed is overwritten by them.
 */
export default function QueryEditorPage() {
  const { id } = useParams();
  const editingId = id !== undefined && id !== 'new' ? Number(id) : null;
  const existing = useSavedQuery(editingId);
  const q = existing.data?.query;
  if (existing.error) return <LoadError error={existing.error} what="the query" />;
  if (editingId !== null && !q) return <Stack maw={900}><PageHeader title="Edit query" /><CardSkeleton height={320} /></Stack>;
  const initial: Values = q
    ? { name: q.name, description: q.description, query: q.query, interval: q.interval, platform: q.platform, logging: q.logging as Logging, observer_can_run: q.observer_can_run }
    : EMPTY;
  return <QueryForm key={editingId ?? 'new'} editingId={editingId} initial={initial} />;
}

function QueryForm({ editingId, initial }: { editingId: number | null; initial: Values }) {
  const navigate = useNavigate();
  const create = useCreateQuery();
  const modify = useModifyQuery(editingId ?? 0);
  const remove = useDeleteQuery();
  const check = useSqlCheck();
  const [warnings, setWarnings] = useState<string[]>([]);
  const form = useForm({ initialValues: initial, validate: zod4Resolver(createQueryRequestSchema) });
  const save = form.onSubmit(async (values) => {
    const verdict = await check.mutateAsync(values.query).catch(() => null);
    if (!verdict) return;
    setWarnings(verdict.warnings);
    if (!verdict.valid) {
      form.setFieldError('query', `Invalid SQL, not saved: ${verdict.error ?? 'SQLite could not parse it'}`);
      return;
    }
    const done = { onSuccess: () => void navigate('/queries') };
    if (editingId === null) create.mutate(values, done);
    else modify.mutate(values, done);
  });
  const failed = create.error ?? modify.error;
  const askDelete = () => confirmDestructive({
    title: 'Delete this query?', message: `"${initial.name}" and its stored report are deleted; packs that schedule it stop running it.`,
    confirmLabel: 'Delete query', onConfirm: () => remove.mutate(editingId ?? 0, { onSuccess: () => void navigate('/queries') }),
  });
  return (
    <form onSubmit={save} noValidate>
      <Stack maw={900}>
        <PageHeader title={editingId === null ? 'New query' : `Edit ${initial.name}`}
          actions={editingId !== null && <Anchor component={Link} to={`/queries/${editingId}/report`}>Report</Anchor>} />
        {failed && <Alert color="red" title="Not saved" role="alert">{failed.message}</Alert>}
        <TextInput label="Name" name="name" required {...form.getInputProps('name')} />
        <TextInput label="Description" name="description" {...form.getInputProps('description')} />
        <SqlEditor label="SQL" id="query-sql" value={form.values.query} error={form.errors['query'] as string | undefined}
          onChange={(v) => { form.setFieldValue('query', v); form.clearFieldError('query'); setWarnings([]); }} onSubmit={() => save()} />
        {warnings.map((w) => <Text key={w} size="sm" c="orange.9" data-testid="sql-warning">{w}</Text>)}
        <Group grow align="flex-start">
          <NumberInput label="Interval (seconds, 0 = not scheduled)" name="interval" min={0} {...form.getInputProps('interval')} />
          <Select label="Platform" data={PLATFORMS} allowDeselect={false} {...form.getInputProps('platform')} />
          <Select label="Logging" data={LOGGING} allowDeselect={false} {...form.getInputProps('logging')} />
        </Group>
        <Checkbox label="Observers can run this query" {...form.getInputProps('observer_can_run', { type: 'checkbox' })} />
        <Group>
          <Button type="submit" loading={check.isPending || create.isPending || modify.isPending}>Save</Button>
          {editingId !== null && <Button color="red" variant="light" onClick={askDelete} loading={remove.isPending}>Delete</Button>}
        </Group>
      </Stack>
    </form>
  );
}
