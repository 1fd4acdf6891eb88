import { Anchor, Button, Card, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { RelativeTime } from '../../../shared/components/relative-time';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import type { SavedQuery } from '../../queries/api/queries.api';
import { useSavedQueries } from '../../queries/hooks/use-queries';
import type { HostDetail } from '../api/hosts.api';
import { useHostQueryReport } from '../hooks/use-hosts';

/** Whether a scheduled query's `platform` (comma-separated; empty = all) includes this host's platform. */
export function runsOn(query: { platform: string }, host: { platform: string }): boolean {
  if (!query.platform) return true;
  const family = ['darwin', 'windows', 'chrome'].includes(host.platform) ? host.platform : 'linux';
  return query.platform.split(',').map((p) => p.trim()).some((p) => p === host.platform || p === family);
}

/** A report cell as text: osquery sends strings; anything else is shown as JSON. */
const cellText = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

const every = (seconds: number) => (seconds % 3600 === 0 ? `every ${seconds / 3600} h` : seconds % 60 === 0 ? `every ${seconds / 60} min` : `every ${seconds} s`);

/** The rows this host last stored for one query: columns as the host sent them, scrolling sideways when wide. */
function ReportDialog({ hostId, query, onClose }: { hostId: number; query: SavedQuery; onClose: () => void }) {
  const report = useHostQueryReport(hostId, query.id);
  const rows = report.data?.results ?? [];
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.columns)))];
  return (
    <Modal opened onClose={onClose} title={`Report: ${query.name}`} size="xl">
      {report.error ? <LoadError error={report.error} what="the report" /> : report.isPending ? <TableSkeleton rows={3} /> : rows.length === 0 ? (
        <Empty title="No results yet">The host stores this query&apos;s rows after it runs the query ({every(query.interval)}).</Empty>
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {rows.length} row{rows.length === 1 ? '' : 's'}, last fetched <RelativeTime value={report.data.last_fetched} />
            {report.data.report_clipped ? ' (clipped at the report cap)' : ''}
          </Text>
          <Table.ScrollContainer minWidth={Math.max(400, columns.length * 140)} mah={480}>
            <Table striped aria-label={`${query.name} results`}>
              <Table.Thead><Table.Tr>{columns.map((c) => <Table.Th key={c} scope="col">{c}</Table.Th>)}</Table.Tr></Table.Thead>
              <Table.Tbody>
                {rows.map((r, i) => <Table.Tr key={i}>{columns.map((c) => <Table.Td key={c}>{cellText(r.columns[c])}</Table.Td>)}</Table.Tr>)}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Modal>
  );
}

/** The scheduled queries that run on this host (its team's and the global ones, for its platform), each with its stored report. */
export function HostQueriesTab({ host }: { host: HostDetail }) {
  const list = useSavedQueries(host.team_id === null ? { per_page: '1000', page: '0', order_key: 'name' }
    : { team_id: String(host.team_id), merge_inherited: 'true', per_page: '1000', page: '0', order_key: 'name' });
  const [open, setOpen] = useState<SavedQuery | null>(null);
  if (list.error) return <LoadError error={list.error} what="queries" />;
  if (list.isPending) return <TableSkeleton rows={4} />;
  const scheduled = list.data.queries.filter((q) => q.interval > 0 && runsOn(q, host));
  if (scheduled.length === 0) {
    return <Card withBorder><Empty title="No scheduled queries run on this host">Give a saved query an interval to have hosts run it and store a report.</Empty></Card>;
  }
  return (
    <Card withBorder padding={0}>
      <Table.ScrollContainer minWidth={520}>
        <Table striped aria-label="Scheduled queries">
          <Table.Thead><Table.Tr><Table.Th scope="col">Query</Table.Th><Table.Th scope="col">Frequency</Table.Th><Table.Th scope="col">Team</Table.Th><Table.Th scope="col"><span>Report</span></Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {scheduled.map((q) => (
              <Table.Tr key={q.id}>
                <Table.Td><Anchor component={Link} to={`/queries/${q.id}`}>{q.name}</Anchor></Table.Td>
                <Table.Td>{every(q.interval)}</Table.Td>
                <Table.Td>{q.team_id === null ? 'All teams' : host.team_name}</Table.Td>
                <Table.Td>
                  <Group gap="xs"><Button size="compact-sm" variant="light" onClick={() => setOpen(q)} aria-label={`Show report: ${q.name}`}>Show report</Button></Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {open && <ReportDialog hostId={host.id} query={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
