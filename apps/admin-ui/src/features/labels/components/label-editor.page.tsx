import { Alert, Anchor, Button, Card, Group, List, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { createLabelRequestSchema, labelRoutes } from '@fleet/contracts';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { confirmDestructive } from '../../../shared/components/confirm';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { StatusBadge } from '../../../shared/components/status-badge';
import { CardSkeleton, LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { checkSql } from '../../../shared/sql/check-sql';
import { usePermissions } from '../../auth/hooks/use-permissions';
import type { Label, LabelHost } from '../api/labels.api';
import { useCreateLabel, useDeleteLabel, useLabel, useLabelHosts, useModifyLabel } from '../hooks/use-labels';
import { HostPicker } from './host-picker';
import type { PickedHost } from './host-picker';

const PLATFORMS = [
  { value: '', label: 'All platforms' }, { value: 'darwin', label: 'macOS' }, { value: 'windows', label: 'Windows' },
  { value: 'ubuntu', label: 'Ubuntu' }, { value: 'centos', label: 'CentOS' }, { value: 'rhel', label: 'Red Hat' },
];
type Kind = 'dynamic' | 'manual';
type Values = { kind: Kind; name: string; description: string; query: string; platform: string; hosts: PickedHost[] };
const EMPTY: Values = { kind: 'dynamic', name: '', description: '', query: '', platform: '', hosts: [] };
const picked = (hosts: readonly LabelHost[]): PickedHost[] => hosts.map((h) => ({ hostname: h.hostname, name: h.display_name || h.hostname }));

/**
 * A new label (`/labels/new`: dynamic with SQL checked by the server before saving and a platform, or manual
 * with hosts picked by search), or one label (`/labels/:id`): rename, describe, change a manual label's hosts,
 * delete; and the hosts that carry it. A dynamic label's SQL cannot change (as in Fleet: delete and add again).
 */
export default function LabelEditorPage() {
  const { id } = useParams();
  const editingId = id !== undefined && id !== 'new' ? Number(id) : null;
  const label = useLabel(editingId);
  const hosts = useLabelHosts(editingId);
  if (label.error) return <Stack><PageHeader title="Label" /><LoadError error={label.error} what="the label" /></Stack>;
  if (editingId !== null && (!label.data || !hosts.data)) return <Stack maw={900}><PageHeader title="Label" /><CardSkeleton height={320} /></Stack>;
  return (
    <Stack maw={900}>
      <LabelForm key={editingId ?? 'new'} label={label.data ?? null} members={hosts.data ?? []} />
      {label.data && <LabelHosts label={label.data} hosts={hosts.data} />}
    </Stack>
  );
}

function LabelForm({ label, members }: { label: Label | null; members: readonly LabelHost[] }) {
  const navigate = useNavigate();
  const { can } = usePermissions();
  const create = useCreateLabel();
  const modify = useModifyLabel(label?.id ?? 0);
  const remove = useDeleteLabel();
  const [checking, setChecking] = useState(false);
  const [warned, setWarned] = useState<{ sql: string; warnings: string[] } | null>(null);
  const builtin = label?.label_type === 'builtin';
  const writable = can(labelRoutes.modify) && !builtin;
  const form = useForm<Values>({
    initialValues: label
      ? { kind: label.label_membership_type, name: label.name, description: label.description, query: label.query, platform: label.platform, hosts: picked(members) }
      : EMPTY,
    validate: (values) => {
      const base = zod4Resolver(createLabelRequestSchema)({ name: values.name, description: values.description });
      if (label === null && values.kind === 'dynamic' && !values.query.trim()) return { ...base, query: 'A dynamic label needs SQL' };
      return base;
    },
  });
  const kind = form.values.kind;
  const save = form.onSubmit(async (values) => {
    const done = { onSuccess: () => void navigate('/labels') };
    if (label !== null) {
      modify.mutate({ name: values.name, description: values.description, ...(kind === 'manual' ? { hosts: values.hosts.map((h) => h.hostname) } : {}) }, done);
      return;
    }
    if (kind === 'manual') {
      create.mutate({ name: values.name, description: values.description, hosts: values.hosts.map((h) => h.hostname) }, done);
      return;
    }
    setChecking(true);
    try {
      const check = await checkSql(values.query);
      if (check.error) return form.setFieldError('query', check.error);
      if (check.warnings.length > 0 && warned?.sql !== values.query) return setWarned({ sql: values.query, warnings: check.warnings });
    } catch (error) {
      return form.setFieldError('query', `The SQL could not be checked: ${(error as Error).message}`);
    } finally {
      setChecking(false);
    }
    create.mutate({ name: values.name, description: values.description, query: values.query, platform: values.platform }, done);
  });
  const failed = create.error ?? modify.error;
  const askDelete = () => label && confirmDestructive({
    title: 'Delete this label?', confirmLabel: 'Delete label',
    message: `"${label.name}" is removed from its ${label.host_count} hosts; live queries, packs and filters that use it lose it.`,
    onConfirm: () => remove.mutate(label.id, { onSuccess: () => void navigate('/labels') }),
  });
  const title = label === null ? 'New label' : writable ? `Edit ${label.name}` : label.name;
  return (
    <form onSubmit={save} noValidate>
      <Stack>
        <PageHeader title={title} description={label === null ? undefined : `A ${builtin ? 'built-in' : label.label_membership_type} label on ${label.host_count} hosts.`} />
        {failed && <Alert color="red" title="Not saved" role="alert">{failed.message}</Alert>}
        {label === null && (
          <SegmentedControl aria-label="Kind of label" data={[{ value: 'dynamic', label: 'Dynamic (SQL)' }, { value: 'manual', label: 'Manual (pick hosts)' }]}
            {...form.getInputProps('kind')} w="fit-content" />
        )}
        <TextInput label="Name" name="name" required readOnly={!writable} {...form.getInputProps('name')} />
        <TextInput label="Description" name="description" readOnly={!writable} {...form.getInputProps('description')} />
        {kind === 'dynamic' ? (
          <>
            <Textarea label="SQL" name="query" required={label === null} autosize minRows={4} readOnly={label !== null} spellCheck={false}
              description={label === null ? 'A host carries the label while this query returns rows on it. Checked before saving.' : 'The SQL of a dynamic label cannot change.'}
              styles={{ input: { fontFamily: 'monospace' } }} {...form.getInputProps('query')} />
            {warned && warned.sql === form.values.query && (
              <Alert color="yellow" title="The SQL check has warnings" role="status">
                <List size="sm">{warned.warnings.map((w) => <List.Item key={w}>{w}</List.Item>)}</List>
                <Text size="sm" mt={4}>Tables from osquery extensions are not known to the check. Save again to keep the SQL as it is.</Text>
              </Alert>
            )}
            <Select label="Platform" data={PLATFORMS} allowDeselect={false} disabled={label !== null} {...form.getInputProps('platform')} />
          </>
        ) : (
          <HostPicker label="Hosts" description="The hosts that carry this label; agents never change it." disabled={!writable}
            value={form.values.hosts} onChange={(hosts) => form.setFieldValue('hosts', hosts)} />
        )}
        <Group>
          {writable && <Button type="submit" loading={checking || create.isPending || modify.isPending}>{warned && warned.sql === form.values.query ? 'Save anyway' : 'Save'}</Button>}
          {writable && label && <Button color="red" variant="light" onClick={askDelete} loading={remove.isPending}>Delete</Button>}
          <Button component={Link} to="/labels" variant="default">Back to labels</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The hosts carrying the label (up to 500), each a link to its page. */
function LabelHosts({ label, hosts }: { label: Label; hosts: readonly LabelHost[] | undefined }) {
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">Hosts</Title>
        <Anchor component={Link} to={`/hosts/manage?label_id=${label.id}`} size="sm">Open in the host list</Anchor>
      </Group>
      {!hosts ? <TableSkeleton rows={3} /> : hosts.length === 0 ? <Empty title="No host carries this label yet" /> : (
        <Table.ScrollContainer minWidth={360}>
          <Table aria-label={`Hosts labelled ${label.name}`} data-testid="label-hosts">
            <Table.Thead><Table.Tr><Table.Th scope="col">Host</Table.Th><Table.Th scope="col">Platform</Table.Th><Table.Th scope="col">Status</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {hosts.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td><Anchor component={Link} to={`/hosts/${h.id}`}>{h.display_name || h.hostname}</Anchor></Table.Td>
                  <Table.Td>{h.platform}</Table.Td>
                  <Table.Td><StatusBadge status={h.status} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
