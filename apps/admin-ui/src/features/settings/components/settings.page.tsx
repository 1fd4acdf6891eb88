import { Button, Card, NumberInput, PasswordInput, Select, Stack, Switch, Tabs, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { configRoutes, teamRoutes } from '@fleet/contracts';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../shared/components/page-header';
import { CardSkeleton, LoadError } from '../../../shared/components/skeletons';
import { usePermissions } from '../../auth/hooks/use-permissions';
import { AgentOptionsEditor } from '../../teams/components/agent-options-editor';
import { EnrollSecrets } from '../../teams/components/enroll-secrets';
import type { AppConfig } from '../api/settings.api';
import { useAppConfig, useSaveSettings, useTestMail } from '../hooks/use-settings';
import { SettingsSection } from './settings-form';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' ? v : fallback);
const bool = (v: unknown): boolean => v === true;
const url = (v: string) => (v === '' || /^https?:\/\/\S+$/.test(v) ? null : 'must be an http(s) URL');

const TABS = [
  { value: 'organization', label: 'Organization' }, { value: 'webhooks', label: 'Webhooks' }, { value: 'retention', label: 'Host expiry and retention' },
  { value: 'features', label: 'Features' }, { value: 'agent-options', label: 'Agent options', key: 'agent_options' },
  { value: 'enroll-secrets', label: 'Enroll secrets' }, { value: 'smtp', label: 'SMTP', key: 'smtp_settings' }, { value: 'sso', label: 'Single sign-on', key: 'sso_settings' },
] as const;
type Tab = (typeof TABS)[number]['value'];

interface SectionProps { config: AppConfig; writable: boolean }

/**
 * The organisation's settings, one tab per section (in the URL: `/settings/:tab`); each Save patches only its
 * section and is recorded in the activity feed. Agent options, SMTP and SSO exist only for admins (the API
 * leaves them out for everyone else), enroll secrets for those who may read them; everyone else reads the rest.
 */
export default function SettingsPage() {
  const params = useParams();
  const navigate = useNavigate();
  const config = useAppConfig();
  const { can, canDo } = usePermissions();
  const writable = can(configRoutes.modify);
  if (config.error) return <Stack><PageHeader title="Settings" /><LoadError error={config.error} what="the settings" /></Stack>;
  if (!config.data) return <Stack><PageHeader title="Settings" /><CardSkeleton height={320} /></Stack>;
  const doc = config.data;
  const tabs = TABS.filter((t) => (t.value === 'enroll-secrets' ? canDo('enroll_secret:read') : !('key' in t) || t.key in doc));
  const tab: Tab = tabs.find((t) => t.value === params['tab'])?.value ?? 'organization';
  const props = { config: doc, writable };
  return (
    <Stack>
      <PageHeader title="Settings" description="The organisation's settings; every change is recorded in the activity feed." />
      <Tabs value={tab} onChange={(v) => void navigate(`/settings/${v ?? 'organization'}`, { replace: true })} keepMounted={false}>
        <Tabs.List>{tabs.map((t) => <Tabs.Tab key={t.value} value={t.value}>{t.label}</Tabs.Tab>)}</Tabs.List>
        <Tabs.Panel value="organization" pt="md"><Organization {...props} /></Tabs.Panel>
        <Tabs.Panel value="webhooks" pt="md"><Webhooks {...props} /></Tabs.Panel>
        <Tabs.Panel value="retention" pt="md"><Retention {...props} /></Tabs.Panel>
        <Tabs.Panel value="features" pt="md"><Features {...props} /></Tabs.Panel>
        <Tabs.Panel value="agent-options" pt="md"><GlobalAgentOptions {...props} /></Tabs.Panel>
        <Tabs.Panel value="enroll-secrets" pt="md"><Card withBorder><EnrollSecrets teamId={null} writable={can(teamRoutes.replaceGlobalSecrets)} /></Card></Tabs.Panel>
        <Tabs.Panel value="smtp" pt="md"><Smtp {...props} /></Tabs.Panel>
        <Tabs.Panel value="sso" pt="md"><Sso {...props} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Organization({ config, writable }: SectionProps) {
  const save = useSaveSettings();
  const org = obj(config['org_info']);
  const server = obj(config['server_settings']);
  const form = useForm({
    initialValues: { org_name: str(org['org_name']), org_logo_url: str(org['org_logo_url']), contact_url: str(org['contact_url']), server_url: str(server['server_url']) },
    validate: { org_name: (v) => (v.trim() ? null : 'cannot be empty'), org_logo_url: url, contact_url: url, server_url: url },
  });
  const submit = form.onSubmit((v) => save.mutate({
    patch: { org_info: { org_name: v.org_name, org_logo_url: v.org_logo_url, contact_url: v.contact_url }, server_settings: { server_url: v.server_url } }, what: 'Organization settings',
  }));
  return (
    <SettingsSection onSubmit={submit} writable={writable} saving={save.isPending}>
      <TextInput label="Organization name" required readOnly={!writable} {...form.getInputProps('org_name')} />
      <TextInput label="Organization logo URL" placeholder="https://example.com/logo.png" readOnly={!writable} {...form.getInputProps('org_logo_url')} />
      <TextInput label="Contact URL" description="Where users of Fleet Desktop ask for help." readOnly={!writable} {...form.getInputProps('contact_url')} />
      <TextInput label="Fleet server URL" description="The address agents and links in mails use." readOnly={!writable} {...form.getInputProps('server_url')} />
    </SettingsSection>
  );
}

function Webhooks({ config, writable }: SectionProps) {
  const save = useSaveSettings();
  const hooks = obj(config['webhook_settings']);
  const status = obj(hooks['host_status_webhook']);
  const failing = obj(hooks['failing_policies_webhook']);
  const form = useForm({
    initialValues: {
      status_enabled: bool(status['enable_host_status_webhook']), status_url: str(status['destination_url']),
      host_percentage: num(status['host_percentage'], 10) || 10, days_count: num(status['days_count'], 7) || 7,
      failing_enabled: bool(failing['enable_failing_policies_webhook']), failing_url: str(failing['destination_url']),
      host_batch_size: num(failing['host_batch_size']), interval: str(hooks['interval']) || '24h',
    },
    validate: {
      status_url: (v, x) => (x.status_enabled && !v ? 'needed while the webhook is on' : url(v)),
      failing_url: (v, x) => (x.failing_enabled && !v ? 'needed while the webhook is on' : url(v)),
      interval: (v) => (/^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/.test(v) ? null : 'a duration such as 24h or 30m'),
    },
  });
  const submit = form.onSubmit((v) => save.mutate({
    what: 'Webhook settings',
    patch: {
      webhook_settings: {
        interval: v.interval,
        host_status_webhook: { ...status, enable_host_status_webhook: v.status_enabled, destination_url: v.status_url, host_percentage: v.host_percentage, days_count: v.days_count },
        failing_policies_webhook: { ...failing, enable_failing_policies_webhook: v.failing_enabled, destination_url: v.failing_url, host_batch_size: v.host_batch_size },
      },
    },
  }));
  return (
    <SettingsSection onSubmit={submit} writable={writable} saving={save.isPending} note="Fleet posts JSON to these URLs once per interval.">
      <Switch label="Host status webhook" description="When a share of hosts has not checked in for some days." disabled={!writable} {...form.getInputProps('status_enabled', { type: 'checkbox' })} />
      <TextInput label="Host status webhook URL" readOnly={!writable} {...form.getInputProps('status_url')} />
      <NumberInput label="Percentage of hosts offline" min={1} max={100} readOnly={!writable} {...form.getInputProps('host_percentage')} />
      <NumberInput label="Days offline" min={1} readOnly={!writable} {...form.getInputProps('days_count')} />
      <Switch label="Failing policies webhook" description="The hosts failing the chosen policies." disabled={!writable} {...form.getInputProps('failing_enabled', { type: 'checkbox' })} />
      <TextInput label="Failing policies webhook URL" readOnly={!writable} {...form.getInputProps('failing_url')} />
      <NumberInput label="Hosts per request (0: all at once)" min={0} readOnly={!writable} {...form.getInputProps('host_batch_size')} />
      <TextInput label="Interval" description="How often the webhooks run, as a duration (24h, 30m)." readOnly={!writable} {...form.getInputProps('interval')} />
    </SettingsSection>
  );
}

function Retention({ config, writable }: SectionProps) {
  const save = useSaveSettings();
  const expiry = obj(config['host_expiry_settings']);
  const activity = obj(config['activity_expiry_settings']);
  const server = obj(config['server_settings']);
  const hasActivityExpiry = 'activity_expiry_settings' in config;
  const form = useForm({
    initialValues: {
      host_expiry_enabled: bool(expiry['host_expiry_enabled']), host_expiry_window: num(expiry['host_expiry_window']) || 30,
      activity_expiry_enabled: bool(activity['activity_expiry_enabled']), activity_expiry_window: num(activity['activity_expiry_window']) || 30,
      query_report_cap: num(server['query_report_cap'], 1000),
    },
    validate: {
      host_expiry_window: (v, x) => (x.host_expiry_enabled && !(v > 0) ? 'must be at least 1 day' : null),
      activity_expiry_window: (v, x) => (x.activity_expiry_enabled && !(v > 0) ? 'must be at least 1 day' : null),
      query_report_cap: (v) => (v >= 1 ? null : 'must be at least 1'),
    },
  });
  const submit = form.onSubmit((v) => save.mutate({
    what: 'Expiry and retention settings',
    patch: {
      host_expiry_settings: { host_expiry_enabled: v.host_expiry_enabled, host_expiry_window: v.host_expiry_enabled ? v.host_expiry_window : 0 },
      ...(hasActivityExpiry ? { activity_expiry_settings: { activity_expiry_enabled: v.activity_expiry_enabled, activity_expiry_window: v.activity_expiry_enabled ? v.activity_expiry_window : 0 } } : {}),
      server_settings: { query_report_cap: v.query_report_cap },
    },
  }));
  return (
    <SettingsSection onSubmit={submit} writable={writable} saving={save.isPending}>
      <Switch label="Host expiry" description="Delete hosts that have not checked in for the window." disabled={!writable} {...form.getInputProps('host_expiry_enabled', { type: 'checkbox' })} />
      {form.values.host_expiry_enabled && <NumberInput label="Host expiry window (days)" min={1} readOnly={!writable} {...form.getInputProps('host_expiry_window')} />}
      {hasActivityExpiry && (
        <>
          <Switch label="Delete old activities" disabled={!writable} {...form.getInputProps('activity_expiry_enabled', { type: 'checkbox' })} />
          {form.values.activity_expiry_enabled && <NumberInput label="Keep activities for (days)" min={1} readOnly={!writable} {...form.getInputProps('activity_expiry_window')} />}
        </>
      )}
      <NumberInput label="Query report rows kept per query" min={1} readOnly={!writable} {...form.getInputProps('query_report_cap')} />
    </SettingsSection>
  );
}

function Features({ config, writable }: SectionProps) {
  const save = useSaveSettings();
  const features = obj(config['features']);
  const server = obj(config['server_settings']);
  const form = useForm({
    initialValues: {
      enable_software_inventory: bool(features['enable_software_inventory']), enable_host_users: bool(features['enable_host_users']),
      live_queries: !bool(server['live_query_disabled']), query_reports: !bool(server['query_reports_disabled']),
    },
  });
  const submit = form.onSubmit((v) => save.mutate({
    what: 'Feature settings',
    patch: {
      features: { enable_software_inventory: v.enable_software_inventory, enable_host_users: v.enable_host_users },
      server_settings: { live_query_disabled: !v.live_queries, query_reports_disabled: !v.query_reports },
    },
  }));
  return (
    <SettingsSection onSubmit={submit} writable={writable} saving={save.isPending}>
      <Switch label="Software inventory" description="Hosts report their installed software." disabled={!writable} {...form.getInputProps('enable_software_inventory', { type: 'checkbox' })} />
      <Switch label="Host users" description="Hosts report their local user accounts." disabled={!writable} {...form.getInputProps('enable_host_users', { type: 'checkbox' })} />
      <Switch label="Live queries" description="Off: nobody can run live queries." disabled={!writable} {...form.getInputProps('live_queries', { type: 'checkbox' })} />
      <Switch label="Query reports" description="Off: results of scheduled queries are not stored." disabled={!writable} {...form.getInputProps('query_reports', { type: 'checkbox' })} />
    </SettingsSection>
  );
}

function GlobalAgentOptions({ config, writable }: SectionProps) {
  const save = useSaveSettings();
  return (
    <Card withBorder>
      <AgentOptionsEditor key={JSON.stringify(config['agent_options'])} initial={config['agent_options']} readOnly={!writable} saving={save.isPending}
        onSave={(options) => save.mutate({ patch: { agent_options: options }, what: 'Agent options' })} />
    </Card>
  );
}

function Smtp({ config, writable }: SectionProps) {
  const save = useSaveSettings();
  const test = useTestMail();
  const smtp = obj(config['smtp_settings']);
  const form = useForm({
    initialValues: {
      enable_smtp: bool(smtp['enable_smtp']), sender_address: str(smtp['sender_address']), server: str(smtp['server']), port: num(smtp['port'], 587),
      authentication_type: str(smtp['authentication_type']) || 'authtype_username_password', user_name: str(smtp['user_name']), password: str(smtp['password']),
      enable_ssl_tls: bool(smtp['enable_ssl_tls']), enable_start_tls: bool(smtp['enable_start_tls']), verify_ssl_certs: bool(smtp['verify_ssl_certs']),
    },
    validate: {
      sender_address: (v, x) => (x.enable_smtp && !/^\S+@\S+$/.test(v) ? 'must be an email address' : null),
      server: (v, x) => (x.enable_smtp && !v.trim() ? 'needed while SMTP is on' : null),
      port: (v) => (v >= 1 && v <= 65535 ? null : 'must be a port number'),
    },
  });
  const submit = form.onSubmit((v) => save.mutate({ patch: { smtp_settings: v }, what: 'SMTP settings' }));
  const auth = form.values.authentication_type === 'authtype_username_password';
  return (
    <SettingsSection onSubmit={submit} writable={writable} saving={save.isPending}
      note="Mail for invitations, password resets and two-factor logins. Saving changed settings sends a test mail to you first; nothing is saved if it fails."
      extra={writable && <Button variant="default" loading={test.isPending} onClick={() => test.mutate({})}>Send test mail</Button>}>
      <Switch label="Send mail through SMTP" disabled={!writable} {...form.getInputProps('enable_smtp', { type: 'checkbox' })} />
      <TextInput label="Sender address" readOnly={!writable} {...form.getInputProps('sender_address')} />
      <TextInput label="SMTP server" readOnly={!writable} {...form.getInputProps('server')} />
      <NumberInput label="Port" min={1} max={65535} readOnly={!writable} {...form.getInputProps('port')} />
      <Switch label="TLS from the first byte (SMTPS, usually port 465)" disabled={!writable} {...form.getInputProps('enable_ssl_tls', { type: 'checkbox' })} />
      <Switch label="Upgrade with STARTTLS when offered" disabled={!writable} {...form.getInputProps('enable_start_tls', { type: 'checkbox' })} />
      <Switch label="Verify the server's certificate" disabled={!writable} {...form.getInputProps('verify_ssl_certs', { type: 'checkbox' })} />
      <Select label="Authentication" data={[{ value: 'authtype_username_password', label: 'User name and password' }, { value: 'authtype_none', label: 'None' }]}
        allowDeselect={false} disabled={!writable} {...form.getInputProps('authentication_type')} />
      {auth && <TextInput label="SMTP user name" readOnly={!writable} {...form.getInputProps('user_name')} />}
      {auth && <PasswordInput label="SMTP password" readOnly={!writable} {...form.getInputProps('password')} />}
    </SettingsSection>
  );
}

function Sso({ config, writable }: SectionProps) {
  const save = useSaveSettings();
  const sso = obj(config['sso_settings']);
  const form = useForm({
    initialValues: {
      enable_sso: bool(sso['enable_sso']), idp_name: str(sso['idp_name']), entity_id: str(sso['entity_id']), metadata_url: str(sso['metadata_url']),
      metadata: str(sso['metadata']), enable_sso_idp_login: bool(sso['enable_sso_idp_login']), enable_jit_provisioning: bool(sso['enable_jit_provisioning']),
    },
    validate: {
      entity_id: (v, x) => (x.enable_sso && !v.trim() ? 'needed while single sign-on is on' : null),
      metadata_url: (v, x) => (x.enable_sso && !v && !x.metadata ? 'give the metadata URL or the metadata' : url(v)),
    },
  });
  const submit = form.onSubmit((v) => save.mutate({ patch: { sso_settings: v }, what: 'Single sign-on settings' }));
  return (
    <SettingsSection onSubmit={submit} writable={writable} saving={save.isPending} note="SAML 2.0: the login page offers a button for the identity provider once this is on.">
      <Switch label="Single sign-on" disabled={!writable} {...form.getInputProps('enable_sso', { type: 'checkbox' })} />
      <TextInput label="Identity provider name" description="Shown on the login page's button." readOnly={!writable} {...form.getInputProps('idp_name')} />
      <TextInput label="Entity ID" description="This server's SAML entity id, as registered with the identity provider." readOnly={!writable} {...form.getInputProps('entity_id')} />
      <TextInput label="Metadata URL" readOnly={!writable} {...form.getInputProps('metadata_url')} />
      <Textarea label="Metadata (XML)" autosize minRows={3} maxRows={10} readOnly={!writable} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} {...form.getInputProps('metadata')} />
      <Switch label="Allow logins started at the identity provider" disabled={!writable} {...form.getInputProps('enable_sso_idp_login', { type: 'checkbox' })} />
      <Switch label="Create accounts at first login (just-in-time provisioning)" disabled={!writable} {...form.getInputProps('enable_jit_provisioning', { type: 'checkbox' })} />
    </SettingsSection>
  );
}
