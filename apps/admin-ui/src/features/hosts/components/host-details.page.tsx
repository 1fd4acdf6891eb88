import { Alert, Button, Group, Loader, Progress, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure, useInterval } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { confirmDestructive } from '../../../shared/components/confirm';
import { notifySuccess } from '../../../shared/components/notify';
import { PageHeader } from '../../../shared/components/page-header';
import { RelativeTime } from '../../../shared/components/relative-time';
import { CardSkeleton, LoadError } from '../../../shared/components/skeletons';
import { StatusBadge } from '../../../shared/components/status-badge';
import { useCanWrite } from '../../auth/hooks/use-session';
import type { HostDetail } from '../api/hosts.api';
import { useDeleteHosts, useHost, useRefetchHost } from '../hooks/use-hosts';
import { HostActivityTab } from './host-activity-tab';
import { HostDetailsTab } from './host-details-tab';
import { hostName } from './host-format';
import { HostLabelsTab } from './host-labels-tab';
import { HostPoliciesTab } from './host-policies-tab';
import { HostQueriesTab } from './host-queries-tab';
import { HostSoftwareTab } from './host-software-tab';
import { TransferDialog } from './transfer-dialog';

const TABS = ['details', 'software', 'policies', 'queries', 'labels', 'activity'] as const;
type Tab = (typeof TABS)[number];

/**
 * A pending refetch as it happens: the host runs every detail query at its next check-in and the page (which
 * polls the host every 2 s meanwhile) shows the new details as soon as they arrive.
 */
function RefetchProgress({ host, since }: { host: HostDetail; since: number | null }) {
  const [now, setNow] = useState(Date.now());
  const ticker = useInterval(() => setNow(Date.now()), 1000);
  useEffect(() => { ticker.start(); return ticker.stop; }, [ticker]);
  const elapsed = since === null ? null : Math.max(0, Math.round((now - since) / 1000));
  const interval = host.distributed_interval || 10;
  return (
    <Alert color="blue" variant="light" role="status" aria-live="polite" icon={<Loader size="sm" />} title="Fetching fresh details" data-testid="refetch-progress">
      <Stack gap={6}>
        <Text size="sm">
          {host.status === 'online'
            ? `Waiting for the host's next check-in (it checks in every ${interval} s)${elapsed === null ? '' : `: ${elapsed} s so far`}.`
            : 'The host is offline: it sends fresh details when it next checks in.'}
        </Text>
        {host.status === 'online' && elapsed !== null && <Progress value={Math.min(95, (100 * elapsed) / (interval * 2))} animated aria-label="Refetch progress" />}
      </Stack>
    </Alert>
  );
}

/** One host: vitals, software, policies, scheduled query reports, labels and activity in tabs; refetch, transfer, delete and query it. */
export default function HostDetailsPage() {
  const params = useParams();
  const id = Number(params.id);
  const tab: Tab = TABS.includes(params.tab as Tab) ? (params.tab as Tab) : 'details';
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const host = useHost(id);
  const refetch = useRefetchHost();
  const remove = useDeleteHosts();
  const [transferOpen, transfer] = useDisclosure(false);
  const [refetchSince, setRefetchSince] = useState<number | null>(null);
  const pending = host.data?.refetch_requested ?? false;
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && !pending && host.data) notifySuccess(`${hostName(host.data)} sent fresh details`);
    wasPending.current = pending;
  }, [pending, host.data]);

  if (!Number.isInteger(id) || id <= 0) return <LoadError error={new Error(`There is no host ${params.id ?? ''}.`)} what="the host" />;
  if (host.error) return <Stack><PageHeader title="Host" /><LoadError error={host.error} what="the host" /></Stack>;
  if (host.isPending) return <Stack><PageHeader title="Host" /><CardSkeleton height={240} /></Stack>;
  const h = host.data;
  const name = hostName(h);
  const askDelete = () => confirmDestructive({
    title: `Delete ${name}?`, confirmLabel: 'Delete host',
    message: 'The host and everything recorded about it are removed. If its agent keeps running it enrolls again at its next check-in.',
    onConfirm: () => remove.mutate([id], { onSuccess: () => void navigate('/hosts/manage') }),
  });
  const count = (n: number) => (n > 0 ? ` (${n})` : '');
  return (
    <Stack>
      <PageHeader
        title={<Group gap="sm" component="span">{name}<StatusBadge status={h.status} /></Group>}
        description={<>{h.hostname !== name ? `${h.hostname} · ` : ''}{h.team_name ?? 'No team'} · last seen <RelativeTime value={h.seen_time} /></>}
        actions={(
          <>
            <Button variant="default" loading={refetch.isPending} disabled={pending}
              onClick={() => refetch.mutate(id, { onSuccess: () => setRefetchSince(Date.now()) })}>Refetch</Button>
            <Button variant="default" component={Link} to={`/live-query?host_ids=${id}`}>Query</Button>
            {canWrite && <Button variant="default" onClick={transfer.open}>Transfer</Button>}
            {canWrite && <Button color="red" variant="light" onClick={askDelete} loading={remove.isPending}>Delete</Button>}
          </>
        )} />
      {pending && <RefetchProgress host={h} since={refetchSince} />}
      <Tabs value={tab} onChange={(t) => void navigate(`/hosts/${id}/${t ?? 'details'}`, { replace: true })} keepMounted={false}>
        <Tabs.List aria-label="Host sections" style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="software">Software{count(h.software.length)}</Tabs.Tab>
          <Tabs.Tab value="policies">Policies{count(h.policies.length)}</Tabs.Tab>
          <Tabs.Tab value="queries">Queries</Tabs.Tab>
          <Tabs.Tab value="labels">Labels{count(h.labels.length)}</Tabs.Tab>
          <Tabs.Tab value="activity">Activity</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md"><HostDetailsTab host={h} /></Tabs.Panel>
        <Tabs.Panel value="software" pt="md"><HostSoftwareTab host={h} /></Tabs.Panel>
        <Tabs.Panel value="policies" pt="md"><HostPoliciesTab host={h} /></Tabs.Panel>
        <Tabs.Panel value="queries" pt="md"><HostQueriesTab host={h} /></Tabs.Panel>
        <Tabs.Panel value="labels" pt="md"><HostLabelsTab host={h} /></Tabs.Panel>
        <Tabs.Panel value="activity" pt="md"><HostActivityTab hostId={id} /></Tabs.Panel>
      </Tabs>
      <TransferDialog hostIds={[id]} opened={transferOpen} onClose={transfer.close} />
    </Stack>
  );
}
