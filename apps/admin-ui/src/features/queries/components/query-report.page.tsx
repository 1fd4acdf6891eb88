import { Alert, Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { notifyError } from '../../../shared/components/notify';
import { PageHeader } from '../../../shared/components/page-header';
import { RelativeTime } from '../../../shared/components/relative-time';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { downloadText, toCsv } from '../../../shared/csv';
import { int, useUrlState } from '../../../shared/hooks/use-url-state';
import { ResultsGrid } from '../../../shared/table/results-grid';
import { queriesApi } from '../api/queries.api';
import type { QueryReport } from '../api/queries.api';
import { useQueryReport, useSavedQuery } from '../hooks/use-queries';

const SIZES = [10, 50, 100, 500];
const SPECS = { page: int(0), per_page: int(100, SIZES) };

/** Report rows as flat records: host, when it was fetched, then the query's own columns in order of appearance. */
function flatten(results: QueryReport['results']): { columns: string[]; rows: Array<Record<string, string>> } {
  const own = new Set<string>();
  for (const r of results) for (const k of Object.keys(r.columns)) own.add(k);
  const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return {
    columns: ['host', 'last_fetched', ...own],
    rows: results.map((r) => ({ host: r.host_name, last_fetched: r.last_fetched, ...Object.fromEntries([...own].map((k) => [k, text(r.columns[k])])) })),
  };
}

/**
 * A saved query's report (`/queries/:id/report`): the results its hosts sent for it on schedule, as stored by the
 * server (GET /queries/:id/report), newest first, a page at a time (page and size in the URL); CSV of every row.
 */
export default function QueryReportPage() {
  const id = Number(useParams().id);
  const [url, update] = useUrlState(SPECS);
  const query = useSavedQuery(id);
  const report = useQueryReport(id, url.page, url.per_page);
  const [exporting, setExporting] = useState(false);
  const flat = useMemo(() => flatten(report.data?.results ?? []), [report.data]);
  const name = query.data?.query.name ?? 'Query';
  const exportCsv = async () => {
    setExporting(true);
    try {
      const all = flatten((await queriesApi.wholeReport(id)).results);
      downloadText(`${name.replace(/[^\w.-]+/g, '_')}-report.csv`, toCsv(all.columns, all.rows));
    } catch (e) {
      notifyError('Could not export the report', e);
    } finally {
      setExporting(false);
    }
  };
  const meta = report.data?.meta;
  return (
    <Stack style={{ minWidth: 0 }}>
      <PageHeader title={`${name} report`}
        description={query.data ? <>{query.data.query.interval ? `Runs every ${query.data.query.interval} s on its hosts; ` : 'Not scheduled; '}the rows below are what hosts sent last.</> : undefined}
        actions={<>
          <Anchor component={Link} to={`/queries/${id}`}>Edit query</Anchor>
          <Button variant="default" onClick={() => void exportCsv()} loading={exporting} disabled={flat.rows.length === 0}>Export CSV</Button>
        </>} />
      {report.data?.report_clipped && <Alert color="yellow" title="Report full">The report holds as many rows as server_settings.query_report_cap allows; newer results wait for room.</Alert>}
      {report.error ? <LoadError error={report.error} what="the report" /> : report.isPending ? <TableSkeleton /> : flat.rows.length === 0 ? (
        <Empty title="No results yet">Hosts store results here once the query is scheduled and has run on them.</Empty>
      ) : (
        <>
          <div style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }} aria-busy={report.isPlaceholderData}>
            <ResultsGrid columns={flat.columns} rows={flat.rows} label={`${name} report`} testId="query-report" />
          </div>
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed" aria-live="polite">
              Page {url.page + 1} · {flat.rows.length} rows{flat.rows[0] ? <> · newest fetched <RelativeTime value={flat.rows[0]['last_fetched'] ?? ''} /></> : null}
            </Text>
            <Group gap="xs">
              <Select aria-label="Rows per page" data={SIZES.map(String)} value={String(url.per_page)} w={90} size="xs" allowDeselect={false}
                onChange={(v) => v && update({ per_page: Number(v), page: 0 })} />
              <Button size="xs" variant="default" disabled={report.isPlaceholderData || !meta?.has_previous_results} onClick={() => update({ page: url.page - 1 }, { push: true })}>Previous page</Button>
              <Button size="xs" variant="default" disabled={report.isPlaceholderData || !meta?.has_next_results} onClick={() => update({ page: url.page + 1 }, { push: true })}>Next page</Button>
            </Group>
          </Group>
        </>
      )}
    </Stack>
  );
}
