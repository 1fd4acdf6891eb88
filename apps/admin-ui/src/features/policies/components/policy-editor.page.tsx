import { Alert, Anchor, Button, Checkbox, Group, List, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { createPolicyRequestSchema, policyRoutes } from '@fleet/contracts';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { confirmDestructive } from '../../../shared/components/confirm';
import { PageHeader } from '../../../shared/components/page-header';
import { CardSkeleton, LoadError } from '../../../shared/components/skeletons';
import { checkSql } from '../../../shared/sql/check-sql';
import { usePermissions } from '../../auth/hooks/use-permissions';
import { useTeams } from '../../teams/hooks/use-teams';
import type { Policy } from '../api/policies.api';
import { useCreatePolicy, useDeletePolicy, useModifyPolicy, usePolicy } from '../hooks/use-policies';
import { POLICY_PLATFORMS, platformsOf } from './policy-platforms';

type Values = { name: string; description: string; query: string; resolution: string; critical: boolean; platforms: string[] };
const EMPTY: Values = { name: '', description: '', query: '', resolution: '', critical: false, platforms: [] };
const valuesOf = (p: Policy): Values => ({
  name: p.name, description: p.description, query: p.query, resolution: p.resolution, critical: p.critical, platforms: platformsOf(p.platform),
});

/**
 * Creates a policy (`/policies/new[?team_id=]`) or shows and edits one (`/policies/:id[?team_id=]`): name,
 * SQL (checked by the server's SQL check before saving), platforms, resolution and the critical flag; delete
 * with confirmation; "Run now" opens the live query with its SQL. Users who may not write see it read-only.
 */
export default function PolicyEditorPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const teamId = /^\d+$/.test(params.get('team_id') ?? '') ? Number(params.get('team_id')) : null;
  const editingId = id !== undefined && id !== 'new' ? Number(id) : null;
  const existing = usePolicy(teamId, editingId);
  if (existing.error) return <Stack><PageHeader title="Policy" /><LoadError error={existing.error} what="the policy" /></Stack>;
  if (editingId !== null && !existing.data) return <Stack maw={900}><PageHeader title="Policy" /><CardSkeleton height={320} /></Stack>;
  return <PolicyForm key={`${teamId ?? 'global'}-${editingId ?? 'new'}`} teamId={teamId} policy={existing.data ?? null} />;
}

function PolicyForm({ teamId, policy }: { teamId: number | null; policy: Policy | null }) {
  const navigate = useNavigate();
  const { can, canDo } = usePermissions();
  const teamName = useTeams().data?.find((t) => t.id === teamId)?.name;
  const create = useCreatePolicy(teamId);
  const modify = useModifyPolicy(teamId, policy?.id ?? 0);
  const remove = useDeletePolicy(teamId);
  const [warned, setWarned] = useState<{ sql: string; warnings: string[] } | null>(null);
  const [checking, setChecking] = useState(false);
  const writable = can(teamId === null ? policyRoutes.modify : policyRoutes.modifyTeam, teamId);
  const form = useForm<Values>({ initialValues: policy ? valuesOf(policy) : EMPTY, validate: zod4Resolver(createPolicyRequestSchema) });
  const back = `/policies${teamId !== null ? `?team_id=${teamId}` : ''}`;
  const save = form.onSubmit(async (values) => {
    setChecking(true);
    try {
      const check = await checkSql(values.query);
      if (check.error) {
        form.setFieldError('query', check.error);
        return;
      }
      // Names osquery's core schema lacks may come from an extension: say so once, save on the second click.
      if (check.warnings.length > 0 && warned?.sql !== values.query) {
        setWarned({ sql: values.query, warnings: check.warnings });
        return;
      }
    } catch (error) {
      form.setFieldError('query', `The SQL could not be checked: ${(error as Error).message}`);
      return;
    } finally {
      setChecking(false);
    }
    const body = {
      name: values.name, description: values.description, query: values.query, resolution: values.resolution, critical: values.critical,
      platform: values.platforms.join(','),
    };
    const done = { onSuccess: () => void navigate(back) };
    if (policy === null) create.mutate(body, done);
    else modify.mutate(body, done);
  });
  const failed = create.error ?? modify.error;
  const askDelete = () => policy && confirmDestructive({
    title: 'Delete this policy?', confirmLabel: 'Delete policy',
    message: `"${policy.name}" and every host's answer to it are deleted; its automations stop.`,
    onConfirm: () => remove.mutate(policy.id, { onSuccess: () => void navigate(back) }),
  });
  const scope = teamId === null ? 'global policy' : `policy of team ${teamName ?? teamId}`;
  const title = policy === null ? `New ${scope}` : writable ? `Edit ${policy.name}` : policy.name;
  return (
    <form onSubmit={save} noValidate>
      <Stack maw={900}>
        <PageHeader title={title} description={policy === null ? 'A host passes when the query returns at least one row.' : `A ${scope}.`}
          actions={policy && canDo('query:run', teamId) ? (
            <Button component={Link} variant="default" to={`/live-query?sql=${encodeURIComponent(policy.query)}`}>Run now</Button>
          ) : undefined} />
        {failed && <Alert color="red" title="Not saved" role="alert">{failed.message}</Alert>}
        {policy && (
          <Group gap="lg">
            <Anchor component={Link} size="sm" to={`/hosts/manage?policy_id=${policy.id}&policy_response=passing`}>{policy.passing_host_count} hosts passing</Anchor>
            <Anchor component={Link} size="sm" to={`/hosts/manage?policy_id=${policy.id}&policy_response=failing`}>{policy.failing_host_count} hosts failing</Anchor>
          </Group>
        )}
        <TextInput label="Name" name="name" required readOnly={!writable} {...form.getInputProps('name')} />
        <TextInput label="Description" name="description" readOnly={!writable} {...form.getInputProps('description')} />
        <Textarea label="SQL" name="query" required autosize minRows={4} readOnly={!writable} spellCheck={false}
          description="Checked against osquery's tables before it is saved."
          styles={{ input: { fontFamily: 'monospace' } }} {...form.getInputProps('query')} />
        {warned && warned.sql === form.values.query && (
          <Alert color="yellow" title="The SQL check has warnings" role="status">
            <List size="sm">{warned.warnings.map((w) => <List.Item key={w}>{w}</List.Item>)}</List>
            <Text size="sm" mt={4}>Tables from osquery extensions are not known to the check. Save again to keep the SQL as it is.</Text>
          </Alert>
        )}
        <Checkbox.Group label="Platforms" description="None checked: every platform." {...form.getInputProps('platforms')}>
          <Group mt={6}>
            {POLICY_PLATFORMS.map((p) => <Checkbox key={p.value} value={p.value} label={p.label} disabled={!writable} />)}
          </Group>
        </Checkbox.Group>
        <Textarea label="Resolution" name="resolution" description="What a user of a failing host should do." autosize minRows={2} readOnly={!writable}
          {...form.getInputProps('resolution')} />
        <Switch label="Critical" disabled={!writable} {...form.getInputProps('critical', { type: 'checkbox' })} />
        <Group>
          {writable && <Button type="submit" loading={checking || create.isPending || modify.isPending}>
            {warned && warned.sql === form.values.query ? 'Save anyway' : 'Save'}
          </Button>}
          {writable && policy && <Button color="red" variant="light" onClick={askDelete} loading={remove.isPending}>Delete</Button>}
          <Button component={Link} to={back} variant="default">Back to policies</Button>
        </Group>
      </Stack>
    </form>
  );
}
