import { Anchor, Card, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useTable } from '@tanstack/react-table';
import type { SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Empty } from '../../../shared/components/empty-state';
import { Pager } from '../../../shared/components/pager';
import { RelativeTime } from '../../../shared/components/relative-time';
import { DataTable } from '../../../shared/table/data-table';
import { columnsFor, features } from '../../../shared/table/table-features';
import type { HostDetail } from '../api/hosts.api';
import { HostSoftwareCves, worstCvss } from './host-software-cves';

type Software = HostDetail['software'][number];
const col = columnsFor<Software>();
const COLUMNS = col.columns([
  col.accessor('name', { header: 'Name', sortFn: 'text', cell: (c) => <Anchor component={Link} to={`/hosts/manage?software_id=${c.row.original.id}`} aria-label={`Hosts with ${c.getValue()} ${c.row.original.version}`}>{c.getValue()}</Anchor> }),
  col.accessor('version', { header: 'Version', sortFn: 'alphanumeric' }),
  col.accessor('source', { header: 'Type', sortFn: 'text' }),
  col.accessor((s) => worstCvss(s.vulnerabilities), {
    id: 'vulnerabilities', header: 'Vulnerabilities', sortFn: 'basic', sortDescFirst: true,
    cell: (c) => <HostSoftwareCves cves={c.row.original.vulnerabilities} software={`${c.row.original.name} ${c.row.original.version}`} />,
  }),
  col.accessor((s) => s.last_opened_at ?? '', { id: 'last_opened_at', header: 'Last opened', sortFn: 'text', cell: (c) => (c.getValue() ? <RelativeTime value={c.getValue()} /> : '—') }),
]);
const PER_PAGE = 50;

const vulnerable = (s: Software) => (s.vulnerabilities?.length ?? 0) > 0;

/**
 * The host's software inventory with the CVEs found on each version: searchable by name, version, type or CVE
 * id, "vulnerable only", sortable by any column (vulnerabilities by the worst CVSS score), 50 a page.
 */
export function HostSoftwareTab({ host }: { host: HostDetail }) {
  const [search, setSearch] = useState('');
  const [onlyVulnerable, setOnlyVulnerable] = useState(false);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const [page, setPage] = useState(0);
  const vulnerableCount = useMemo(() => host.software.filter(vulnerable).length, [host.software]);
  const matching = useMemo(() => {
    const q = search.trim().toLowerCase();
    return host.software
      .filter((s) => !onlyVulnerable || vulnerable(s))
      .filter((s) => !q || `${s.name} ${s.version} ${s.source} ${(s.vulnerabilities ?? []).map((v) => v.cve).join(' ')}`.toLowerCase().includes(q));
  }, [host.software, search, onlyVulnerable]);
  const table = useTable({ features, columns: COLUMNS, data: matching, getRowId: (s) => String(s.id), state: { sorting }, onSortingChange: setSorting });
  const rows = table.getRowModel().rows;
  const shown = useMemo(() => rows.slice(page * PER_PAGE, (page + 1) * PER_PAGE), [rows, page]);
  if (host.software.length === 0) return <Card withBorder><Empty title="No software reported">The host sends its software inventory when software collection is on.</Empty></Card>;
  return (
    <Stack>
      <Group gap="md" align="center">
        <TextInput aria-label="Search software" placeholder="Search name, version, type or CVE" value={search} type="search" w={360} maw="100%"
          onChange={(e) => { setSearch(e.currentTarget.value); setPage(0); }} />
        <Checkbox label={`Vulnerable only (${vulnerableCount})`} checked={onlyVulnerable}
          onChange={(e) => { setOnlyVulnerable(e.currentTarget.checked); setPage(0); }} />
      </Group>
      <Card withBorder padding={0}>
        <DataTable table={table} rows={shown} label="Software" testId="host-software" minWidth={720}
          empty={<Empty title={onlyVulnerable && !search.trim() ? 'No vulnerable software on this host' : 'No software matches the search'} />} />
      </Card>
      <Pager page={page} perPage={PER_PAGE} total={matching.length} onPage={setPage} label="Software pages" />
    </Stack>
  );
}
