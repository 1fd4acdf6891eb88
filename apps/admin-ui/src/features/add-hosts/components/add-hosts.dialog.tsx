import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Switch, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../../api/http-client';
import { URL_PREFIX } from '../../../api/url-prefix';
import { confirmDestructive } from '../../../shared/components/confirm';
import { useTeamOptions } from '../../teams/hooks/use-teams';
import { useEnrollSecrets, useRotateEnrollSecret } from '../hooks/use-enroll-secrets';
import { installSteps } from './install-steps';
import type { Platform } from './install-steps';

const PLATFORMS: Array<{ value: Platform; label: string }> = [{ value: 'macos', label: 'macOS' }, { value: 'windows', label: 'Windows' }, { value: 'linux', label: 'Linux' }];

/** Saves text as a file through a Blob link. */
function download(name: string, text: string): void {
  const href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = Object.assign(document.createElement('a'), { href, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(href);
}

function Copy({ value, what }: { value: string; what: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => <Button size="compact-sm" variant={copied ? 'filled' : 'light'} color={copied ? 'teal.8' : undefined} onClick={copy} aria-label={`Copy ${what}`}>{copied ? 'Copied' : 'Copy'}</Button>}
    </CopyButton>
  );
}

/** A command in a code block with its copy button. */
function Command({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between"><Text size="sm" fw={500}>{label}</Text><Copy value={value} what={label.toLowerCase()} /></Group>
      <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value}</Code>
    </Stack>
  );
}

/**
 * How to enroll hosts with plain osquery: the enroll secret of the organisation or of a team (copy, rotate),
 * the generated flagfile and secret file to download, and the exact commands per platform. The flags are
 * the ones `fleetctl generate osquery-flags` writes (osqueryFlagfile in @fleet/contracts).
 */
export function AddHostsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const teams = useTeamOptions(false);
  const [team, setTeam] = useState<string>('');
  const teamId = team ? Number(team) : null;
  const secrets = useEnrollSecrets(teamId, opened);
  const rotate = useRotateEnrollSecret(teamId);
  const [platform, setPlatform] = useState<Platform>('macos');
  const [withCertificate, setWithCertificate] = useState(true);
  const secret = secrets.data?.[0] ?? '';
  const steps = installSteps(platform, window.location.host, URL_PREFIX, withCertificate);
  const forbidden = secrets.error instanceof ApiError && secrets.error.status === 403;
  const askRotate = () => confirmDestructive({
    title: 'Rotate the enroll secret?', confirmLabel: 'Rotate secret',
    message: 'A new secret replaces the current one. Enrolled hosts keep working, but installers and flagfiles with the old secret can no longer enroll new hosts.',
    onConfirm: () => rotate.mutate(),
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Add hosts" size="lg">
      <Stack>
        <Text size="sm">Install osquery on the host, then start it with the flags below: the host enrolls with the secret and shows up in the host list within a minute.</Text>
        {window.location.protocol !== 'https:' && (
          <Alert color="orange" title="This page is not served over HTTPS">osquery connects over TLS only: use the address at which the server answers HTTPS.</Alert>
        )}
        <Select label="Team" description="Hosts join the team whose secret they enroll with." data={[{ value: '', label: 'No team' }, ...teams]} value={team}
          onChange={(v) => setTeam(v ?? '')} allowDeselect={false} />
        <Stack gap={4}>
          <Title order={2} size="h6">Enroll secret</Title>
          {forbidden ? <Text size="sm" c="dimmed">Your role cannot see this enroll secret; ask an admin or maintainer.</Text> : secrets.error ? (
            <Alert color="red" title="Could not load the enroll secret">{secrets.error.message}</Alert>
          ) : (
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput aria-label="Enroll secret" readOnly value={secrets.isPending ? 'Loading…' : secret || 'No secret yet: rotate to create one'} style={{ flex: 1 }}
                styles={{ input: { fontFamily: 'monospace' } }} data-testid="enroll-secret" />
              {secret && <Copy value={secret} what="enroll secret" />}
              <Button size="compact-sm" variant="default" onClick={askRotate} loading={rotate.isPending}>{secret ? 'Rotate' : 'Create'}</Button>
            </Group>
          )}
        </Stack>
        <Switch label="Use the server's own certificate (self-signed or private CA)" checked={withCertificate} onChange={(e) => setWithCertificate(e.currentTarget.checked)}
          description="Off when the server's certificate is publicly trusted: osquery then uses the system's CA bundle." />
        <Tabs value={platform} onChange={(v) => setPlatform((v as Platform | null) ?? 'macos')}>
          <Tabs.List aria-label="Platform">
            {PLATFORMS.map((p) => <Tabs.Tab key={p.value} value={p.value}>{p.label}</Tabs.Tab>)}
          </Tabs.List>
          <Stack pt="md" gap="md">
            <Group gap="xs">
              <Button size="xs" variant="light" onClick={() => download('osquery.flags', steps.flagfile)}>Download osquery.flags</Button>
              <Button size="xs" variant="light" disabled={!secret} onClick={() => download('secret.txt', secret)}>Download secret.txt</Button>
            </Group>
            {withCertificate && (
              <Text size="sm" c="dimmed">
                Save the server&apos;s certificate chain as <Code>fleet.pem</Code> beside them: <Code>fleetctl generate osquery-flags --dir .</Code> writes it
                (with the same flags), or export it from your certificate authority.
              </Text>
            )}
            <Command label="Put the files in place" value={steps.copy} />
            <Command label="Start osquery" value={steps.run} />
            <details>
              <summary><Text span size="sm">Show osquery.flags</Text></summary>
              <Code block mt="xs" data-testid="flagfile">{steps.flagfile}</Code>
            </details>
          </Stack>
        </Tabs>
      </Stack>
    </Modal>
  );
}
