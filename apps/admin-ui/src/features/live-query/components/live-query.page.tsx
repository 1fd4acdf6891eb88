import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { queryKeys } from '../../../api/query-keys';
import { PageHeader } from '../../../shared/components/page-header';
import { sqlErrorOf, useSqlCheck } from '../../../shared/sql-editor/sql-check';
import { SqlEditor } from '../../../shared/sql-editor/sql-editor';
import { liveQueryApi } from '../api/live-query.api';
import { useLiveCampaign } from '../hooks/use-live-campaign';
import { LiveResults } from './live-results';
import { NO_TARGETS, TargetPicker, useTargetCounts } from './target-picker';
import type { Selection } from './target-picker';

const DEFAULT_SQL = 'SELECT * FROM osquery_info;';
const saved = (campaign: string | null) => (campaign ? sessionStorage.getItem(`live-query:${campaign}`) : null);

/** `?host_ids=1,2,3` (from the host list or a host's page): the hosts to run on, by id (at most 10 are named). */
function useHandedHosts(params: URLSearchParams): Selection | null {
  const handed = (params.get('host_ids') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const names = useQuery({
    queryKey: queryKeys.targets.hostNames(handed.slice(0, 10)), enabled: handed.length > 0, staleTime: Infinity,
    queryFn: ({ signal }) => Promise.all(handed.slice(0, 10).map((id) => liveQueryApi.hostName(id, signal).catch(() => `host #${id}`))),
  });
  if (handed.length === 0) return null;
  return { ...NO_TARGETS, hosts: handed.map((id, i) => ({ id, name: names.data?.[i] ?? `host #${id}` })) };
}

/**
 * Live query: SQL (checked by the server before it is sent: invalid SQL never reaches a host), targets picked
 * by search, and the answers as they come (rows, per-host errors, CSV). The running campaign is in the URL
 * (`?campaign=`), so a reload follows it again from the start of its results stream.
 */
export default function LiveQueryPage() {
  const [params, setParams] = useSearchParams();
  const campaignParam = params.get('campaign');
  const resumeId = campaignParam && /^\d+$/.test(campaignParam) ? Number(campaignParam) : null;
  const restored = saved(campaignParam);
  const [sql, setSql] = useState(() => params.get('sql') ?? (restored ? (JSON.parse(restored) as { sql: string }).sql : DEFAULT_SQL));
  const handed = useHandedHosts(params);
  const [picked, setPicked] = useState<Selection | null>(() => (restored ? (JSON.parse(restored) as { targets: Selection }).targets : null));
  const selection = picked ?? handed ?? NO_TARGETS;
  const counts = useTargetCounts(selection);
  const check = useSqlCheck();
  const { campaign, start, stop } = useLiveCampaign(resumeId);
  const [starting, setStarting] = useState(false);
  // A new text needs a new check: the last verdict is dropped as soon as the SQL changes.
  const resetCheck = check.reset;
  useEffect(() => { resetCheck(); }, [sql, resetCheck]);

  const targeted = selection.hosts.length + selection.labels.length + selection.teams.length > 0;
  const run = useCallback(async () => {
    if (!sql.trim() || !targeted || starting) return;
    setStarting(true);
    try {
      const verdict = await check.mutateAsync(sql).catch(() => null);
      if (!verdict?.valid) return;
      const id = await start(sql, selection);
      if (id === null) return;
      sessionStorage.setItem(`live-query:${id}`, JSON.stringify({ sql, targets: selection }));
      setPicked(selection); // the URL drops ?host_ids= below; the targets stay as they were
      setParams({ campaign: String(id) });
    } finally {
      setStarting(false);
    }
  }, [sql, targeted, starting, check, start, selection, setParams]);

  const answered = campaign.status?.actual_results ?? 0;
  const expected = campaign.status?.expected_results ?? campaign.totals?.online ?? 0;
  const sqlError = sqlErrorOf(check.data);
  return (
    <Stack style={{ minWidth: 0 }}>
      <PageHeader title="Live query" description="Run SQL on hosts now and see their answers as they come." />
      <SqlEditor label="SQL" value={sql} onChange={setSql} onSubmit={() => void run()} error={sqlError} />
      {check.data?.valid && check.data.warnings.map((w) => <Text key={w} size="sm" c="orange.9" data-testid="sql-warning">{w}</Text>)}
      <TargetPicker selection={selection} onChange={setPicked} counts={counts} />
      <Group>
        <Button onClick={() => void run()} loading={starting} disabled={!sql.trim() || !targeted}>Run</Button>
        {campaign.running && <Button variant="light" color="red" onClick={() => void stop()}>Stop</Button>}
        {!targeted && <Text size="sm" c="dimmed">Pick at least one host, label or team.</Text>}
      </Group>
      {campaign.failure && <Alert color="red" title="The live query failed" data-testid="live-failure">{campaign.failure}</Alert>}
      {campaign.totals && (
        <Stack gap={4}>
          <Text data-testid="live-progress">
            {answered.toLocaleString()} of {expected.toLocaleString()} online hosts responded ({campaign.totals.count.toLocaleString()} targeted, {campaign.totals.offline.toLocaleString()} offline)
            {campaign.running ? '' : ' · finished'}
          </Text>
          <Progress value={expected ? (100 * answered) / expected : 0} aria-label="Hosts responded" />
        </Stack>
      )}
      {campaign.id !== null && <LiveResults rows={campaign.rows} rowCount={campaign.rowCount} errors={campaign.errors} campaignId={campaign.id} />}
    </Stack>
  );
}
