import { Button, Card, Group, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTable } from '@tanstack/react-table';
import type { RowSelectionState, SortingState, Updater, ColumnVisibilityState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { confirmDestructive } from '../../../shared/components/confirm';
import { Empty } from '../../../shared/components/empty-state';
import { notifyError, notifySuccess } from '../../../shared/components/notify';
import { PageHeader } from '../../../shared/components/page-header';
import { Pager } from '../../../shared/components/pager';
import { LoadError, TableSkeleton } from '../../../shared/components/skeletons';
import { useUrlState } from '../../../shared/hooks/use-url-state';
import { DataTable } from '../../../shared/table/data-table';
import { features } from '../../../shared/table/table-features';
import { useAddHostsLink } from '../../add-hosts/hooks/use-add-hosts-link';
import { useCanWrite } from '../../auth/hooks/use-session';
import { hostsApi } from '../api/hosts.api';
import type { Host } from '../api/hosts.api';
import { useColumnChoice } from '../hooks/use-column-choice';
import { useDeleteHosts, useHostCount, useHostList } from '../hooks/use-hosts';
import { ColumnChooser } from './column-chooser';
import { DEFAULT_VISIBLE, HOST_COLUMNS, REPORT_COLUMNS } from './host-columns';
import { hostName } from './host-format';
import { HostsFilters } from './hosts-filters';
import { HOSTS_URL_STATE, NO_FILTERS, filtersOf, isFiltered, listParamsOf } from './hosts-url-state';
import { TransferDialog } from './transfer-dialog';

const NONE: Host[] = [];
const apply = <T,>(u: Updater<T>, old: T): T => (typeof u === 'function' ? (u as (o: T) => T)(old) : u);

/**
 * The host list: server-side filters, sorting and paging (all in the URL), a column choice kept per user,
 * CSV export of the filtered set, and bulk actions on the selected hosts (transfer, delete, live query).
 */
export default function HostsPage() {
  const [view, update] = useUrlState(HOSTS_URL_STATE);
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const addHosts = useAddHostsLink();
  const list = useHostList(listParamsOf(view));
  const count = useHostCount(filtersOf(view));
  const [visible, setVisible] = useColumnChoice('hosts', DEFAULT_VISIBLE);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [transferOpen, transfer] = useDisclosure(false);
  const [exporting, setExporting] = useState(false);
  const remove = useDeleteHosts();

  // `hostname` and `display_name` sort the same column on the server (Fleet accepts both keys).
  const sortColumn = view.order_key === 'hostname' ? 'display_name' : view.order_key;
  const sorting: SortingState = useMemo(() => [{ id: sortColumn, desc: view.order_direction === 'desc' }], [sortColumn, view.order_direction]);
  const columnVisibility: ColumnVisibilityState = useMemo(
    () => Object.fromEntries(HOST_COLUMNS.map((c) => [c.id ?? '', (c.meta?.required ?? false) || visible.includes(c.id ?? '')])), [visible]);
  const table = useTable({
    features, columns: HOST_COLUMNS, data: list.data?.hosts ?? NONE, getRowId: (h) => String(h.id),
    manualSorting: true, enableSortingRemoval: false,
    state: { sorting, columnVisibility, rowSelection: selection },
    onSortingChange: (u) => {
      const next = apply(u, sorting)[0];
      if (next) update({ order_key: next.id, order_direction: next.desc ? 'desc' : 'asc', page: 0 });
    },
    onRowSelectionChange: (u) => setSelection((old) => apply(u, old)),
  });
  const selectedIds = Object.keys(selection).filter((k) => selection[k]).map(Number);
  const total = count.data?.count ?? 0;

  const exportCsv = async () => {
    setExporting(true);
    const columns = ['id', ...visible.flatMap((c) => REPORT_COLUMNS[c] ?? [])].join(',');
    try {
      const size = await hostsApi.exportCsv({ format: 'csv', columns, ...filtersOf(view), order_key: view.order_key, order_direction: view.order_direction },
        `hosts-${new Date().toISOString().slice(0, 10)}.csv`);
      notifySuccess(`Exported ${total.toLocaleString()} hosts (${Math.ceil(size / 1024).toLocaleString()} KB)`);
    } catch (e) {
      notifyError('Could not export the hosts', e);
    } finally {
      setExporting(false);
    }
  };
  const askDelete = () => {
    const names = (list.data?.hosts ?? []).filter((h) => selection[String(h.id)]).map(hostName);
    confirmDestructive({
      title: `Delete ${selectedIds.length === 1 ? 'this host' : `${selectedIds.length} hosts`}?`,
      message: `${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''} will be removed with everything recorded about them. A host whose agent keeps running enrolls again at its next check-in.`,
      confirmLabel: `Delete ${selectedIds.length === 1 ? 'host' : `${selectedIds.length} hosts`}`,
      onConfirm: () => remove.mutate(selectedIds, { onSuccess: () => setSelection({}) }),
    });
  };

  return (
    <Stack>
      <PageHeader title="Hosts" description={count.data ? `${total.toLocaleString()} ${isFiltered(view) ? 'matching ' : ''}host${total === 1 ? '' : 's'}` : ' '}
        actions={(
          <>
            <Button variant="default" onClick={() => void exportCsv()} loading={exporting} disabled={total === 0}>Export CSV</Button>
            <ColumnChooser columns={table.getAllLeafColumns()} visible={visible} onChange={setVisible} />
            {canWrite && <Button component={Link} to={addHosts}>Add hosts</Button>}
          </>
        )} />
      <HostsFilters view={view} update={(patch) => { setSelection({}); update(patch); }} />
      {selectedIds.length > 0 && (
        <Paper withBorder p="xs" radius="md" bg="blue.0" role="region" aria-label="Selected hosts">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" fw={600}>{selectedIds.length} selected</Text>
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => void navigate(`/live-query?host_ids=${selectedIds.join(',')}`)}>Run live query</Button>
              {canWrite && <Button size="xs" variant="default" onClick={transfer.open}>Transfer</Button>}
              {canWrite && <Button size="xs" color="red" variant="light" onClick={askDelete} loading={remove.isPending}>Delete</Button>}
              <Button size="xs" variant="subtle" onClick={() => setSelection({})}>Clear selection</Button>
            </Group>
          </Group>
        </Paper>
      )}
      {list.error ? <LoadError error={list.error} what="hosts" /> : list.isPending ? <TableSkeleton rows={10} /> : (
        <Card withBorder padding={0}>
          <DataTable table={table} label="Hosts" testId="hosts-table" busy={list.isPlaceholderData} minWidth={900} nowrap
            empty={isFiltered(view)
              ? <Empty title="No hosts match these filters" action={<Button variant="subtle" onClick={() => update(NO_FILTERS)}>Clear filters</Button>} />
              : <Empty title="No hosts yet" action={canWrite ? <Button component={Link} to={addHosts}>Add hosts</Button> : undefined}>Hosts appear here once osquery enrolls with an enroll secret.</Empty>} />
        </Card>
      )}
      <Pager page={view.page} perPage={view.per_page} total={total} label="Host list pages"
        onPage={(page) => { setSelection({}); update({ page }, { push: true }); }} onPerPage={(per_page) => update({ per_page, page: 0 })} />
      <TransferDialog hostIds={selectedIds} opened={transferOpen} onClose={transfer.close} onDone={() => setSelection({})} />
    </Stack>
  );
}
