import { Alert, Button, Checkbox, Group, Modal, NumberInput, ScrollArea, Skeleton, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useAppConfig, useSaveSettings } from '../../settings/hooks/use-settings';
import { useModifyTeam, useTeam } from '../../teams/hooks/use-teams';
import type { Policy } from '../api/policies.api';

type Webhook = Record<string, unknown>;
const obj = (v: unknown): Webhook => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Webhook) : {});
/** `webhook_settings.failing_policies_webhook` of the global config or of a team. */
const failingWebhook = (owner: unknown): Webhook => obj(obj(obj(owner)['webhook_settings'])['failing_policies_webhook']);

function AutomationsForm({ webhook, policies, saving, onSave, onCancel }: {
  webhook: Webhook; policies: readonly Policy[]; saving: boolean; onSave: (w: Webhook) => void; onCancel: () => void;
}) {
  // Ids of policies no longer listed (deleted since) are dropped on save.
  const ids = (Array.isArray(webhook['policy_ids']) ? (webhook['policy_ids'] as unknown[]).map(Number) : []).filter((id) => policies.some((p) => p.id === id));
  const form = useForm({
    initialValues: {
      enabled: webhook['enable_failing_policies_webhook'] === true, url: typeof webhook['destination_url'] === 'string' ? webhook['destination_url'] : '',
      batch: typeof webhook['host_batch_size'] === 'number' ? webhook['host_batch_size'] : 0, policyIds: ids.map(String),
    },
    validate: {
      url: (v, x) => (x.enabled && !/^https?:\/\/\S+$/.test(v) ? 'must be an http(s) URL' : null),
      policyIds: (v, x) => (x.enabled && v.length === 0 ? 'choose at least one policy' : null),
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => onSave({
      ...webhook, enable_failing_policies_webhook: v.enabled, destination_url: v.url, host_batch_size: v.batch, policy_ids: v.policyIds.map(Number),
    }))}>
      <Stack>
        <Switch label="Failing policies webhook" description="Posts each chosen policy's failing hosts to the URL when the webhooks run."
          {...form.getInputProps('enabled', { type: 'checkbox' })} />
        <TextInput label="Destination URL" placeholder="https://example.com/fleet-policies" {...form.getInputProps('url')} />
        <NumberInput label="Host batch size" description="Hosts per request (0 = all in one)." min={0} w={220} {...form.getInputProps('batch')} />
        {policies.length === 0 ? <Text size="sm" c="dimmed">There are no policies to automate yet.</Text> : (
          <Checkbox.Group label="Policies" description="The policies whose failing hosts are posted." {...form.getInputProps('policyIds')}>
            <ScrollArea.Autosize mah={240} mt="xs">
              <Stack gap={6}>{policies.map((p) => <Checkbox key={p.id} value={String(p.id)} label={p.name} />)}</Stack>
            </ScrollArea.Autosize>
          </Checkbox.Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>Cancel</Button>
          <Button type="submit" loading={saving}>Save</Button>
        </Group>
      </Stack>
    </form>
  );
}

function GlobalAutomations({ policies, onClose }: { policies: readonly Policy[]; onClose: () => void }) {
  const config = useAppConfig();
  const save = useSaveSettings();
  if (config.error) return <Alert color="red" role="alert" title="Could not load the settings">{config.error.message}</Alert>;
  if (!config.data) return <Skeleton h={260} />;
  return <AutomationsForm webhook={failingWebhook(config.data)} policies={policies} saving={save.isPending} onCancel={onClose}
    onSave={(w) => save.mutate({ patch: { webhook_settings: { failing_policies_webhook: w } }, what: 'Policy automations' }, { onSuccess: onClose })} />;
}

function TeamAutomations({ teamId, policies, onClose }: { teamId: number; policies: readonly Policy[]; onClose: () => void }) {
  const team = useTeam(teamId);
  const modify = useModifyTeam(teamId);
  if (team.error) return <Alert color="red" role="alert" title="Could not load the team">{team.error.message}</Alert>;
  if (!team.data) return <Skeleton h={260} />;
  return <AutomationsForm webhook={failingWebhook(team.data)} policies={policies} saving={modify.isPending} onCancel={onClose}
    onSave={(w) => modify.mutate({ webhook_settings: { failing_policies_webhook: w } }, { onSuccess: onClose })} />;
}

/**
 * Fleet's "Manage automations" of the policies page: the failing-policies webhook (on/off, URL, batch size) and
 * which policies it reports, saved in the global settings or, for a team, in the team's settings.
 */
export function PolicyAutomationsDialog({ teamId, policies, opened, onClose }: { teamId: number | null; policies: readonly Policy[]; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Manage automations" size="lg">
      {opened && (teamId === null ? <GlobalAutomations policies={policies} onClose={onClose} /> : <TeamAutomations teamId={teamId} policies={policies} onClose={onClose} />)}
    </Modal>
  );
}
