import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import type { SoftwareTitle } from '../../software/api/software.api';
import { useSoftwareTitles } from '../../software/hooks/use-software';
import type { TeamChoice } from '../hooks/use-dashboard';
import { CountTable } from './count-table';
import { DashboardCard } from './dashboard-card';

const TOP = 5;
const cves = (t: SoftwareTitle) => new Set(t.versions.flatMap((v) => v.vulnerabilities ?? [])).size;
const withTeam = (path: string, team: TeamChoice, extra = '') => `${path}?${[extra, team ? `team_id=${team}` : ''].filter(Boolean).join('&')}`;

/**
 * Software titles with at least one CVE on the chosen team's hosts (all the user's teams when none): how many,
 * the few on the most hosts, and a link to the software page filtered to vulnerable titles.
 */
export function VulnerableSoftwareCard({ team }: { team: TeamChoice }) {
  const list = useSoftwareTitles({ page: '0', per_page: String(TOP), order_key: 'hosts_count', order_direction: 'desc', vulnerable: 'true', ...(team ? { team_id: team } : {}) });
  const all = withTeam('/software', team, 'vulnerable=true');
  return (
    <DashboardCard title="Vulnerable software" testId="vulnerable-software-card" action={<Anchor component={Link} to={all} size="sm">All vulnerable software</Anchor>}>
      {list.error ? <LoadError error={list.error} what="vulnerable software" /> : !list.data ? <TableSkeleton rows={4} /> : list.data.count === 0 ? (
        <Empty title="No known vulnerabilities">The vulnerabilities schedule found no CVE in the software these hosts report.</Empty>
      ) : (
        <Stack gap="xs">
          <Group gap={6} align="baseline">
            <Anchor component={Link} to={all} fz={28} fw={700} lh={1} aria-label={`${list.data.count} vulnerable software titles`} data-testid="vulnerable-software-count">
              {list.data.count.toLocaleString()}
            </Anchor>
            <Text size="sm" c="dimmed">software title{list.data.count === 1 ? '' : 's'} with known CVEs</Text>
          </Group>
          <CountTable label="Vulnerable software on the most hosts" rows={list.data.software_titles.map((t) => ({
            key: String(t.id), name: t.name, detail: `${cves(t)} CVE${cves(t) === 1 ? '' : 's'}`, hosts: t.hosts_count, to: withTeam(`/software/titles/${t.id}`, team),
          }))} />
        </Stack>
      )}
    </DashboardCard>
  );
}
