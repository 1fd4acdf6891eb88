import { Anchor, Text } from '@mantine/core';
import type { HostReportColumn } from '@fleet/contracts';
import { Link } from 'react-router';
import { RelativeTime } from '../../../shared/components/relative-time';
import { StatusBadge, ToneBadge } from '../../../shared/components/status-badge';
import { RowCheckbox, SelectAllCheckbox } from '../../../shared/table/data-table';
import { columnsFor } from '../../../shared/table/table-features';
import type { Host } from '../api/hosts.api';
import { formatBytes, formatGigabytes, formatUptime, hostName } from './host-format';

const col = columnsFor<Host>();

/**
 * The host list's columns. A column's id is the API's `order_key` when the server can sort by it (Fleet's
 * keys); the others are not sortable. `report` names the CSV report column that exports it.
 */
export const HOST_COLUMNS = col.columns([
  col.display({
    id: 'select', enableSorting: false, enableHiding: false, meta: { label: 'Select', required: true },
    header: ({ table }) => <SelectAllCheckbox table={table} label="Select all hosts on this page" />,
    cell: ({ row }) => <RowCheckbox row={row} name={hostName(row.original)} />,
  }),
  col.accessor((h) => hostName(h), {
    id: 'display_name', header: 'Host', enableHiding: false, meta: { label: 'Host', required: true },
    cell: (c) => <Anchor component={Link} to={`/hosts/${c.row.original.id}`} fw={500}>{c.getValue()}</Anchor>,
  }),
  col.accessor('status', { id: 'status', header: 'Status', enableSorting: false, cell: (c) => <StatusBadge status={c.getValue()} /> }),
  col.accessor((h) => h.issues.failing_policies_count, {
    id: 'issues', header: 'Issues', enableSorting: false, meta: { numeric: true },
    cell: (c) => (c.getValue() > 0 ? <ToneBadge tone="red" aria-label={`${c.getValue()} failing policies`}>{c.getValue()}</ToneBadge> : <Text span size="sm" c="dimmed">—</Text>),
  }),
  col.accessor('team_name', { id: 'team_name', header: 'Team', cell: (c) => c.getValue() ?? <Text span size="sm" c="dimmed">No team</Text> }),
  col.accessor('platform', { id: 'platform', header: 'Platform' }),
  col.accessor('os_version', { id: 'os_version', header: 'OS' }),
  col.accessor('osquery_version', { id: 'osquery_version', header: 'osquery' }),
  col.accessor('primary_ip', { id: 'primary_ip', header: 'Private IP' }),
  col.accessor('hardware_serial', { id: 'hardware_serial', header: 'Serial' }),
  col.accessor('hardware_model', { id: 'hardware_model', header: 'Model', enableSorting: false }),
  col.accessor('memory', { id: 'memory', header: 'Memory', meta: { numeric: true }, cell: (c) => formatBytes(c.getValue()) }),
  col.accessor('gigs_disk_space_available', { id: 'gigs_disk_space_available', header: 'Disk space available', meta: { numeric: true }, cell: (c) => formatGigabytes(c.getValue()) }),
  col.accessor('uptime', { id: 'uptime', header: 'Uptime', cell: (c) => formatUptime(c.getValue()) }),
  col.accessor('computer_name', { id: 'computer_name', header: 'Computer name' }),
  col.accessor('seen_time', { id: 'seen_time', header: 'Last seen', cell: (c) => <RelativeTime value={c.getValue()} /> }),
  col.accessor('created_at', { id: 'created_at', header: 'Added', cell: (c) => <RelativeTime value={c.getValue()} /> }),
]);

/** Shown until the user picks columns. */
export const DEFAULT_VISIBLE = ['select', 'display_name', 'status', 'issues', 'team_name', 'os_version', 'osquery_version', 'primary_ip', 'seen_time'];

/** The CSV report columns that export each list column (the checkbox and issues have none). */
export const REPORT_COLUMNS: Readonly<Record<string, readonly HostReportColumn[]>> = {
  display_name: ['hostname', 'display_text'], status: ['status'], team_name: ['team_name'], platform: ['platform'], os_version: ['os_version'],
  osquery_version: ['osquery_version'], primary_ip: ['primary_ip'], hardware_serial: ['hardware_serial'], hardware_model: ['hardware_model'],
  memory: ['memory'], gigs_disk_space_available: ['gigs_disk_space_available', 'percent_disk_space_available'], uptime: ['uptime'],
  computer_name: ['computer_name'], seen_time: ['seen_time'], created_at: ['created_at'],
};
