import { Alert, Button, Group, MultiSelect, Progress, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { queryKeys } from '../../../api/query-keys';
import { PageHeader } from '../../../shared/components/page-header';
import { followCampaign } from '../api/campaign-socket';
import type { CampaignStatus, ResultMessage, Totals } from '../api/campaign-socket';
import { liveQueryApi } from '../api/live-query.api';

type Row = Record<string, string>;
const HOST_COLUMNS = new Set(['host_hostname', 'host_display_name']);

/** `?host_ids=1,2,3` (from the host list or a host's page): the hosts to run on, by id. */
function hostIdsOf(params: URLSearchParams): number[] {
  return (params.get('host_ids') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * Runs SQL on hosts chosen by label or identifier, or on the hosts handed over in `?host_ids=`, and shows the
 * rows as the hosts answer. (Kept from the first UI on the new data layer; the live-query issue rebuilds it.)
 */
export default function LiveQueryPage() {
  const [params] = useSearchParams();
  const preselected = hostIdsOf(params);
  const labels = useQuery({ queryKey: queryKeys.labels.list, queryFn: ({ signal }) => liveQueryApi.labels(signal) });
  const [sql, setSql] = useState(params.get('sql') ?? 'SELECT * FROM osquery_info;');
  const [labelNames, setLabelNames] = useState<string[]>(preselected.length ? [] : ['All Hosts']);
  const [hostList, setHostList] = useState('');
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [status, setStatus] = useState<CampaignStatus | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [failures, setFailures] = useState<ResultMessage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const close = useRef<(() => void) | null>(null);
  useEffect(() => () => close.current?.(), []);

  const run = async () => {
    close.current?.();
    setError(null); setRows([]); setFailures([]); setTotals(null); setStatus(null);
    const hosts = hostList.split(',').map((h) => h.trim()).filter(Boolean);
    try {
      const res = preselected.length && !hosts.length && !labelNames.length
        ? await liveQueryApi.run({ query: sql, selected: { hosts: preselected, labels: [], teams: [] } })
        : await liveQueryApi.runByIdentifiers({ query: sql, selected: { hosts, labels: labelNames } });
      setCampaignId(res.campaign.id);
      close.current = followCampaign(res.campaign.id, {
        totals: setTotals,
        status: setStatus,
        result: (r) => {
          if (r.error) setFailures((f) => [...f, r]);
          else setRows((prev) => [...prev, ...r.rows]);
        },
        error: setError,
      });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const stop = async () => {
    if (campaignId !== null) await liveQueryApi.stop(campaignId).catch(() => undefined);
    close.current?.();
    setCampaignId(null);
  };

  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => !HOST_COLUMNS.has(c));
  const answered = status?.actual_results ?? 0;
  const expected = status?.expected_results ?? totals?.online ?? 0;
  return (
    <Stack>
      <PageHeader title="Live query" description={preselected.length ? `${preselected.length} selected host(s)` : undefined} />
      <Textarea label="SQL" value={sql} onChange={(e) => setSql(e.currentTarget.value)} autosize minRows={3} styles={{ input: { fontFamily: 'monospace' } }} />
      <Group grow>
        <MultiSelect label="Labels" data={labels.data?.labels.map((l) => l.name) ?? []} value={labelNames} onChange={setLabelNames} searchable />
        <TextInput label="Hosts" placeholder="hostnames, UUIDs or serials, comma-separated" value={hostList} onChange={(e) => setHostList(e.currentTarget.value)} />
      </Group>
      <Group>
        <Button onClick={() => void run()} disabled={!sql.trim()}>Run</Button>
        {campaignId !== null && status?.status !== 'finished' && <Button variant="light" color="red" onClick={() => void stop()}>Stop</Button>}
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {totals && (
        <Stack gap={4}>
          <Text data-testid="live-progress">
            {answered} of {expected} online hosts responded ({totals.count} targeted, {totals.offline} offline){status?.status === 'finished' ? ' · finished' : ''}
          </Text>
          <Progress value={expected ? (100 * answered) / expected : 0} aria-label="Hosts responded" />
        </Stack>
      )}
      {failures.length > 0 && (
        <Alert color="orange" title={`${failures.length} host(s) answered with an error`}>
          {failures.map((f) => <div key={f.host.id}>{f.host.display_name || f.host.hostname}: {f.error}</div>)}
        </Alert>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={500}>
          <Table striped data-testid="live-results" aria-label="Results">
            <Table.Thead><Table.Tr><Table.Th>Host</Table.Th>{columns.map((c) => <Table.Th key={c}>{c}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => (
                <Table.Tr key={i}><Table.Td>{r['host_display_name'] || r['host_hostname']}</Table.Td>{columns.map((c) => <Table.Td key={c}>{r[c]}</Table.Td>)}</Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
