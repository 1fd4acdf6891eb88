import { Button, Group, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDeferredValue, useMemo, useState } from 'react';
import { downloadText, toCsv } from '../../../shared/csv';
import type { HostError, Row } from '../hooks/use-live-campaign';
import { ResultsGrid } from '../../../shared/table/results-grid';

const HOST = 'host';
const HOST_COLUMNS = new Set(['host_hostname', 'host_display_name']);

/** The host column first, then every column any row has, in the order they first appear. */
function columnsOf(rows: readonly Row[], count: number): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) for (const k of Object.keys(rows[i] ?? {})) if (!HOST_COLUMNS.has(k)) seen.add(k);
  return [HOST, ...seen];
}

/**
 * A campaign's answers: rows (filtered by a text found in any column, exported as CSV) and the hosts that
 * answered with an error, each in its own tab.
 */
export function LiveResults({ rows, rowCount, errors, campaignId }: { rows: readonly Row[]; rowCount: number; errors: readonly HostError[]; campaignId: number | null }) {
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  // Until a tab is picked: the errors when every answer so far is an error.
  const tab = picked ?? (rowCount === 0 && errors.length > 0 ? 'errors' : 'results');
  const needle = useDeferredValue(filter.trim().toLowerCase());
  const columns = useMemo(() => columnsOf(rows, rowCount), [rows, rowCount]);
  const shown = useMemo(() => {
    const withHost = rows.slice(0, rowCount).map((r): Row => ({ ...r, [HOST]: r['host_display_name'] || r['host_hostname'] || '' }));
    return needle ? withHost.filter((r) => columns.some((c) => (r[c] ?? '').toLowerCase().includes(needle))) : withHost;
  }, [rows, rowCount, needle, columns]);
  const errorRows = useMemo(() => errors.map((e) => ({ host: e.host, error: e.error })), [errors]);
  const exportCsv = () => downloadText(`live-query-${campaignId ?? 'results'}.csv`, toCsv(columns, shown));

  return (
    <Tabs value={tab} onChange={setPicked} keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="results">Results ({rowCount.toLocaleString()})</Tabs.Tab>
        <Tabs.Tab value="errors" color={errors.length ? 'red' : undefined}>Errors ({errors.length.toLocaleString()})</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="results" pt="sm">
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap">
            <TextInput aria-label="Filter results" placeholder="Filter rows" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={260} />
            <Group gap="xs">
              {needle && <Text size="sm" c="dimmed">{shown.length.toLocaleString()} of {rowCount.toLocaleString()} rows</Text>}
              <Button variant="default" onClick={exportCsv} disabled={shown.length === 0}>Export CSV</Button>
            </Group>
          </Group>
          <ResultsGrid columns={columns} rows={shown} label="Live query results" testId="live-results" />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="errors" pt="sm">
        {errors.length === 0 ? <Text size="sm" c="dimmed">No host answered with an error.</Text>
          : <ResultsGrid columns={['host', 'error']} rows={errorRows} label="Hosts that answered with an error" testId="live-errors" height={320} />}
      </Tabs.Panel>
    </Tabs>
  );
}
