import { Alert, Button, Checkbox, Group, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { createQueryRequestSchema } from '@fleet/contracts';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { confirmDestructive } from '../../../shared/components/confirm';
import { PageHeader } from '../../../shared/components/page-header';
import { LoadError } from '../../../shared/components/skeletons';
import { useCreateQuery, useDeleteQuery, useModifyQuery, useSavedQuery } from '../hooks/use-queries';

const PLATFORMS = [{ value: '', label: 'All platforms' }, { value: 'darwin', label: 'macOS' }, { value: 'linux', label: 'Linux' }, { value: 'windows', label: 'Windows' }];
const LOGGING = [{ value: 'snapshot', label: 'Snapshot' }, { value: 'differential', label: 'Differential' }, { value: 'differential_ignore_removals', label: 'Differential (ignore removals)' }];
type Logging = 'snapshot' | 'differential' | 'differential_ignore_removals';

const EMPTY = { name: '', description: '', query: '', interval: 0, platform: '', logging: 'snapshot' as Logging, observer_can_run: false };

/**
 * Creates a saved query (`/queries/new`) or edits one (`/queries/:id`): SQL, schedule, platform and logging,
 * validated by the schema the server validates with. (Kept from the first UI on the new data layer.)
 */
export default function QueryEditorPage() {
  const { id } = useParams();
  const editingId = id !== undefined && id !== 'new' ? Number(id) : null;
  const navigate = useNavigate();
  const existing = useSavedQuery(editingId);
  const create = useCreateQuery();
  const modify = useModifyQuery(editingId ?? 0);
  const remove = useDeleteQuery();
  const form = useForm({ initialValues: EMPTY, validate: zod4Resolver(createQueryRequestSchema) });
  const q = existing.data?.query;
  useEffect(() => {
    if (q) form.setValues({ name: q.name, description: q.description, query: q.query, interval: q.interval, platform: q.platform, logging: q.logging as Logging, observer_can_run: q.observer_can_run });
  }, [q]);
  const save = form.onSubmit((values) => {
    const done = { onSuccess: () => void navigate('/queries') };
    if (editingId === null) create.mutate(values, done);
    else modify.mutate(values, done);
  });
  const failed = create.error ?? modify.error;
  const askDelete = () => confirmDestructive({
    title: 'Delete this query?', message: `"${q?.name ?? ''}" and its stored report are deleted; packs that schedule it stop running it.`,
    confirmLabel: 'Delete query', onConfirm: () => remove.mutate(editingId ?? 0, { onSuccess: () => void navigate('/queries') }),
  });
  if (existing.error) return <LoadError error={existing.error} what="the query" />;
  return (
    <form onSubmit={save} noValidate>
      <Stack maw={900}>
        <PageHeader title={editingId === null ? 'New query' : `Edit ${q?.name ?? 'query'}`} />
        {failed && <Alert color="red" title="Not saved" role="alert">{failed.message}</Alert>}
        <TextInput label="Name" name="name" required {...form.getInputProps('name')} />
        <TextInput label="Description" name="description" {...form.getInputProps('description')} />
        <Textarea label="SQL" name="query" required autosize minRows={4} styles={{ input: { fontFamily: 'monospace' } }} {...form.getInputProps('query')} />
        <Group grow align="flex-start">
          <NumberInput label="Interval (seconds, 0 = not scheduled)" name="interval" min={0} {...form.getInputProps('interval')} />
          <Select label="Platform" data={PLATFORMS} allowDeselect={false} {...form.getInputProps('platform')} />
          <Select label="Logging" data={LOGGING} allowDeselect={false} {...form.getInputProps('logging')} />
        </Group>
        <Checkbox label="Observers can run this query" {...form.getInputProps('observer_can_run', { type: 'checkbox' })} />
        <Group>
          <Button type="submit" loading={create.isPending || modify.isPending}>Save</Button>
          {editingId !== null && <Button color="red" variant="light" onClick={askDelete} loading={remove.isPending}>Delete</Button>}
        </Group>
      </Stack>
    </form>
  );
}
