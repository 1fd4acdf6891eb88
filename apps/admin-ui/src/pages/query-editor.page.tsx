import { Alert, Button, Checkbox, Group, NumberInput, Select, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import type { SavedQuery } from '../api/types';
import { useApi } from '../api/use-api';

type Draft = Pick<SavedQuery, 'name' | 'description' | 'query' | 'interval' | 'platform' | 'logging' | 'observer_can_run'>;

const EMPTY: Draft = { name: '', description: '', query: '', interval: 0, platform: '', logging: 'snapshot', observer_can_run: false };
const PLATFORMS = [{ value: '', label: 'All platforms' }, { value: 'darwin', label: 'macOS' }, { value: 'linux', label: 'Linux' }, { value: 'windows', label: 'Windows' }];
const LOGGING = [{ value: 'snapshot', label: 'Snapshot' }, { value: 'differential', label: 'Differential' }, { value: 'differential_ignore_removals', label: 'Differential (ignore removals)' }];

/** Creates a saved query (`/queries/new`) or edits one (`/queries/:id`): SQL, schedule, platform and logging. */
export function QueryEditorPage() {
  const { id } = useParams();
  const editing = id !== undefined && id !== 'new';
  const navigate = useNavigate();
  const existing = useApi<{ query: SavedQuery }>(editing ? `/queries/${id}` : null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const q = existing.data?.query;
    if (q) setDraft({ name: q.name, description: q.description, query: q.query, interval: q.interval, platform: q.platform, logging: q.logging, observer_can_run: q.observer_can_run });
  }, [existing.data]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const act = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      await navigate('/queries');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const save = () => act(() => (editing ? api('PATCH', `/queries/${id}`, draft) : api('POST', '/queries', draft)));
  const remove = () => act(() => api('DELETE', `/queries/id/${id}`));

  return (
    <Stack maw={900}>
      <Title order={2}>{editing ? `Edit ${existing.data?.query.name ?? 'query'}` : 'New query'}</Title>
      {error && <Alert color="red" title="Not saved">{error}</Alert>}
      <TextInput label="Name" name="name" required value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} />
      <TextInput label="Description" name="description" value={draft.description} onChange={(e) => set('description', e.currentTarget.value)} />
      <Textarea label="SQL" name="query" required autosize minRows={4} value={draft.query} onChange={(e) => set('query', e.currentTarget.value)}
        styles={{ input: { fontFamily: 'monospace' } }} />
      <Group grow>
        <NumberInput label="Interval (seconds, 0 = not scheduled)" name="interval" min={0} value={draft.interval} onChange={(v) => set('interval', Number(v) || 0)} />
        <Select label="Platform" data={PLATFORMS} value={draft.platform} onChange={(v) => set('platform', v ?? '')} allowDeselect={false} />
        <Select label="Logging" data={LOGGING} value={draft.logging} onChange={(v) => set('logging', v ?? 'snapshot')} allowDeselect={false} />
      </Group>
      <Checkbox label="Observers can run this query" checked={draft.observer_can_run} onChange={(e) => set('observer_can_run', e.currentTarget.checked)} />
      <Group>
        <Button onClick={() => void save()} loading={busy}>Save</Button>
        {editing && <Button color="red" variant="light" onClick={() => void remove()} loading={busy}>Delete</Button>}
      </Group>
    </Stack>
  );
}
