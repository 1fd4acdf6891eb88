import { Anchor, Button, Group, NativeSelect, Progress, SegmentedControl, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { PageHeader } from '../../../shared/components/page-header';
import { RelativeTime } from '../../../shared/components/relative-time';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { useUrlState } from '../../../shared/hooks/use-url-state';
import { ActivityFeed } from '../../activities/components/activity-feed';
import { useAddHostsLink } from '../../add-hosts/hooks/use-add-hosts-link';
import { useCanWrite } from '../../auth/hooks/use-session';
import { useHostSummary } from '../../hosts/hooks/use-hosts';
import { usePolicies } from '../../policies/hooks/use-policies';
import { useSoftware } from '../../software/hooks/use-software';
import { useTeamOptions } from '../../teams/hooks/use-teams';
import { useOnlineHistory, useOsVersions, useRecentActivity } from '../hooks/use-dashboard';
import type { TeamChoice } from '../hooks/use-dashboard';
import { CountTable } from './count-table';
import { DashboardCard } from './dashboard-card';
import { DASHBOARD_URL_STATE, summaryTeamOf } from './dashboard-url-state';
import { SummaryCards } from './summary-cards';
import { VulnerableSoftwareCard } from './vulnerable-software-card';

// The chart (Recharts, the largest library of the UI) loads after the numbers, so the cards show first.
const OnlineHostsChart = lazy(() => import('./online-hosts-chart'));

const hostsLink = (team: TeamChoice, extra: string) => `/hosts/manage?${[team ? `team_id=${team}` : '', extra].filter(Boolean).join('&')}`;

function OnlineCard({ team, range, onRange }: { team: TeamChoice; range: '24h' | '7d'; onRange: (r: '24h' | '7d') => void }) {
  const history = useOnlineHistory(team, range);
  return (
    <DashboardCard title="Online hosts" testId="online-chart"
      action={<SegmentedControl size="xs" aria-label="Period" value={range} onChange={(v) => onRange(v)} data={[{ value: '24h', label: '24 hours' }, { value: '7d', label: '7 days' }]} />}>
      {history.error ? <LoadError error={history.error} what="the history" /> : !history.data ? <Skeleton h={220} /> : history.data.points.length === 0 ? (
        <Empty title="No history recorded yet">The server records how many hosts are online every time it runs cleanups_then_aggregation (hourly by default).</Empty>
      ) : (
        <Suspense fallback={<Skeleton h={220} />}><OnlineHostsChart history={history.data} /></Suspense>
      )}
    </DashboardCard>
  );
}

function PlatformsCard({ team }: { team: TeamChoice }) {
  const summary = useHostSummary(summaryTeamOf(team));
  const platforms = summary.data?.platforms ?? [];
  const total = platforms.reduce((n, p) => n + p.hosts_count, 0);
  return (
    <DashboardCard title="Hosts by platform" testId="platforms">
      {!summary.data ? <Skeleton h={160} /> : platforms.length === 0 ? <Empty title="No hosts yet" /> : (
        <Stack gap={10} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Platforms">
          {[...platforms].sort((a, b) => b.hosts_count - a.hosts_count).map((p) => (
            <li key={p.platform}>
              <Group justify="space-between" gap="xs" mb={2}>
                <Anchor component={Link} size="sm" to={hostsLink(team, `platform=${encodeURIComponent(p.platform)}`)}>{p.platform}</Anchor>
                <Text size="sm">{p.hosts_count.toLocaleString()}</Text>
              </Group>
              <Progress value={total ? (100 * p.hosts_count) / total : 0} size="sm" aria-label={`${p.platform}: ${p.hosts_count} of ${total} hosts`} />
            </li>
          ))}
        </Stack>
      )}
    </DashboardCard>
  );
}

function SoftwareCard({ team }: { team: TeamChoice }) {
  const list = useSoftware({ page: '0', per_page: '8', order_key: 'hosts_count', order_direction: 'desc', ...(team ? { team_id: team } : {}) });
  return (
    <DashboardCard title="Software" testId="software-card">
      {list.error ? <LoadError error={list.error} what="software" /> : !list.data ? <TableSkeleton rows={5} /> : list.data.software.length === 0 ? (
        <Empty title="No software reported yet">Hosts send their software inventory at their next detail refresh.</Empty>
      ) : (
        <CountTable label="Most installed software" rows={list.data.software.map((s) => ({
          key: String(s.id), name: s.name, detail: `${s.version} · ${s.source}`, hosts: s.hosts_count, to: hostsLink(team, `software_id=${s.id}`),
        }))} />
      )}
    </DashboardCard>
  );
}

function OsVersionsCard({ team }: { team: TeamChoice }) {
  const list = useOsVersions(team, 8);
  return (
    <DashboardCard title="Operating systems" testId="os-card"
      action={list.data?.counts_updated_at ? <Text size="xs" c="dimmed">counted <RelativeTime value={list.data.counts_updated_at} /></Text> : undefined}>
      {list.error ? <LoadError error={list.error} what="OS versions" /> : !list.data ? <TableSkeleton rows={5} /> : list.data.os_versions.length === 0 ? (
        <Empty title={list.data.counts_updated_at ? 'No operating systems reported yet' : 'Not counted yet'}>
          {list.data.counts_updated_at ? undefined : 'Operating system versions are counted by the vulnerabilities schedule; they show after its first run.'}
        </Empty>
      ) : (
        <CountTable label="Operating system versions" rows={list.data.os_versions.map((v) => ({
          key: `${v.name}-${v.platform}`, name: v.name, detail: v.platform, hosts: v.hosts_count,
          to: hostsLink(team, v.version ? `os_name=${encodeURIComponent(v.name_only)}&os_version=${encodeURIComponent(v.version)}` : `platform=${encodeURIComponent(v.platform)}`),
        }))} />
      )}
    </DashboardCard>
  );
}

function FailingPoliciesCard({ team }: { team: TeamChoice }) {
  const policies = usePolicies(team && team !== '0' ? Number(team) : null);
  const failing = (policies.data ?? []).filter((p) => p.failing_host_count > 0).sort((a, b) => b.failing_host_count - a.failing_host_count).slice(0, 8);
  return (
    <DashboardCard title="Failing policies" testId="policies-card" action={<Anchor component={Link} to="/policies" size="sm">All policies</Anchor>}>
      {policies.error ? <LoadError error={policies.error} what="policies" /> : !policies.data ? <TableSkeleton rows={4} /> : failing.length === 0 ? (
        <Empty title={policies.data.length ? 'Every host passes every policy' : 'No policies yet'} />
      ) : (
        <CountTable label="Failing policies" rows={failing.map((p) => ({
          key: String(p.id), name: p.name, detail: p.critical ? 'critical' : undefined, hosts: p.failing_host_count,
          to: hostsLink(team, `policy_id=${p.id}&policy_response=failing`),
        }))} />
      )}
    </DashboardCard>
  );
}

function ActivityCard() {
  const recent = useRecentActivity(8);
  if (recent.data === null) return null;
  return (
    <DashboardCard title="Recent activity" testId="activity-card" action={<Anchor component={Link} to="/activity" size="sm">All activity</Anchor>}>
      {recent.error ? <LoadError error={recent.error} what="activity" /> : !recent.data ? <TableSkeleton rows={4} /> : recent.data.length === 0 ? (
        <Empty title="No activity yet" />
      ) : <ActivityFeed activities={recent.data} label="Recent activity" />}
    </DashboardCard>
  );
}

/**
 * The fleet at a glance, for all the user's teams or one: host counts by status (each opening the host list),
 * online hosts over 24 hours or 7 days, hosts by platform, the most installed software, vulnerable software,
 * OS versions, failing policies and the latest activity. The team and the period are in the URL.
 */
export default function DashboardPage() {
  const [{ team_id: team, range }, update] = useUrlState(DASHBOARD_URL_STATE);
  const teams = useTeamOptions();
  const canWrite = useCanWrite();
  const addHosts = useAddHostsLink();
  return (
    <Stack>
      <PageHeader title="Dashboard" actions={(
        <>
          <NativeSelect aria-label="Team" data={[{ value: '', label: 'All teams' }, ...teams]} value={team} onChange={(e) => update({ team_id: e.currentTarget.value })} w={200} />
          {canWrite && <Button component={Link} to={addHosts}>Add hosts</Button>}
        </>
      )} />
      <SummaryCards team={team} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <OnlineCard team={team} range={range} onRange={(r) => update({ range: r })} />
        <PlatformsCard team={team} />
        <SoftwareCard team={team} />
        <VulnerableSoftwareCard team={team} />
        <OsVersionsCard team={team} />
        <FailingPoliciesCard team={team} />
        <ActivityCard />
      </SimpleGrid>
    </Stack>
  );
}
