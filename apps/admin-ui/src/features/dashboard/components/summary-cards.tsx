import { Card, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { CardSkeleton, LoadError } from '../../../shared/components/skeletons';
import { useHostCount, useHostSummary } from '../../hosts/hooks/use-hosts';
import { summaryTeamOf } from './dashboard-url-state';
import type { TeamChoice } from '../hooks/use-dashboard';

/** Fleet's UI threshold for "low disk space": under 32 GB available. */
export const LOW_DISK_GB = 32;

function Count({ label, value, to, testId }: { label: string; value: number; to: string; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <UnstyledButton component={Link} to={to} style={{ display: 'block' }}>
        <Text size="sm" c="dimmed">{label}</Text>
        <Text size="xl" fw={700} data-testid={testId}>{value.toLocaleString()}</Text>
      </UnstyledButton>
    </Card>
  );
}

/** Total, online, offline, new, missing and low-disk hosts; each opens the host list with that filter. */
export function SummaryCards({ team }: { team: TeamChoice }) {
  const summary = useHostSummary(summaryTeamOf(team));
  const lowDisk = useHostCount({ low_disk_space: String(LOW_DISK_GB), ...(team ? { team_id: team } : {}) });
  if (summary.error) return <LoadError error={summary.error} what="host counts" />;
  if (!summary.data) return <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>{Array.from({ length: 6 }, (_, i) => <CardSkeleton key={i} height={48} />)}</SimpleGrid>;
  const s = summary.data;
  const hosts = (extra: string) => `/hosts/manage?${[team ? `team_id=${team}` : '', extra].filter(Boolean).join('&')}`;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="summary-cards">
      <Count label="Total" value={s.totals_hosts_count} to={hosts('')} testId="count-total" />
      <Count label="Online" value={s.online_count} to={hosts('status=online')} testId="count-online" />
      <Count label="Offline" value={s.offline_count} to={hosts('status=offline')} testId="count-offline" />
      <Count label="New" value={s.new_count} to={hosts('status=new')} testId="count-new" />
      <Count label="Missing" value={s.mia_count} to={hosts('status=missing')} testId="count-missing" />
      <Count label="Low disk space" value={lowDisk.data?.count ?? 0} to={hosts(`low_disk_space=${LOW_DISK_GB}`)} testId="count-low-disk" />
    </SimpleGrid>
  );
}
