import { Button, CloseButton, Collapse, Group, Pill, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useLabels } from '../../labels/hooks/use-labels';
import { usePolicies } from '../../policies/hooks/use-policies';
import { useSoftware } from '../../software/hooks/use-software';
import { useTeamOptions } from '../../teams/hooks/use-teams';
import { useHostSummary } from '../hooks/use-hosts';
import type { HostsView } from './hosts-url-state';
import { NO_FILTERS, isFiltered } from './hosts-url-state';

type Update = (patch: Partial<HostsView>) => void;

const STATUSES = [{ value: 'online', label: 'Online' }, { value: 'offline', label: 'Offline' }, { value: 'new', label: 'New' }, { value: 'missing', label: 'Missing' }];

/** The search box: the URL (and so the request) changes 300 ms after the last keystroke, not at every key. */
function SearchBox({ value, update }: { value: string; update: Update }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const push = useDebouncedCallback((q: string) => update({ query: q, page: 0 }), 300);
  return (
    <TextInput aria-label="Search hosts" placeholder="Search hostname, UUID, serial or IP" value={text} type="search"
      onChange={(e) => { setText(e.currentTarget.value); push(e.currentTarget.value); }}
      rightSection={text ? <CloseButton aria-label="Clear search" size="sm" onClick={() => { setText(''); update({ query: '', page: 0 }); }} /> : null} />
  );
}

/** A software filter that searches the software inventory by name as the user types. */
function SoftwareSelect({ value, update }: { value: string; update: Update }) {
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const push = useDebouncedCallback(setDebounced, 300);
  const list = useSoftware({ query: debounced, per_page: '20', page: '0' });
  const options = (list.data?.software ?? []).map((s) => ({ value: String(s.id), label: `${s.name} ${s.version}`.trim() }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: `Software #${value}` });
  return (
    <Select aria-label="Software" placeholder="Any software" searchable clearable data={options} value={value || null} searchValue={search}
      onSearchChange={(s) => { setSearch(s); push(s); }} onChange={(v) => update({ software_id: v ?? '', page: 0 })} nothingFoundMessage="No software found" />
  );
}

/**
 * The host list's filters (Fleet's `GET /hosts` parameters): search, status, team, platform, label, policy
 * with pass/fail, software; an OS version or low-disk filter arriving from the dashboard shows as a removable chip.
 */
export function HostsFilters({ view, update }: { view: HostsView; update: Update }) {
  const teams = useTeamOptions();
  const labels = useLabels().data ?? [];
  const policies = usePolicies(null).data ?? [];
  const platforms = useHostSummary(null).data?.platforms ?? [];
  const set = (key: keyof HostsView) => (v: string | null) => update({ [key]: v ?? '', page: 0 });
  // Below 768 px only the search shows; the other filters fold behind a button that counts the ones in use.
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const [open, toggle] = useDisclosure(false);
  const inUse = [view.status, view.team_id, view.platform, view.label_id, view.policy_id, view.software_id].filter(Boolean).length;
  const filters = (
    <>
      <Select aria-label="Status" placeholder="Any status" data={STATUSES} value={view.status || null} onChange={set('status')} clearable />
      <Select aria-label="Team" placeholder="Any team" data={teams} value={view.team_id || null} onChange={set('team_id')} clearable searchable />
      <Select aria-label="Platform" placeholder="Any platform" data={platforms.map((p) => p.platform)} value={view.platform || null} onChange={set('platform')} clearable />
      <Select aria-label="Label" placeholder="Any label" data={labels.map((l) => ({ value: String(l.id), label: l.name }))} value={view.label_id || null}
        onChange={set('label_id')} clearable searchable />
      <Select aria-label="Policy" placeholder="Any policy" data={policies.map((p) => ({ value: String(p.id), label: p.name }))} value={view.policy_id || null}
        onChange={(v) => update({ policy_id: v ?? '', policy_response: v ? view.policy_response || 'failing' : '', page: 0 })} clearable searchable />
      {view.policy_id && (
        <SegmentedControl aria-label="Policy response" data={[{ value: 'failing', label: 'Failing' }, { value: 'passing', label: 'Passing' }]}
          value={view.policy_response || 'failing'} onChange={(v) => update({ policy_response: v, page: 0 })} />
      )}
      <SoftwareSelect value={view.software_id} update={update} />
    </>
  );
  return (
    <>
      {narrow ? (
        <div>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <div style={{ flex: 1 }}><SearchBox value={view.query} update={update} /></div>
            <Button variant="default" onClick={toggle.toggle} aria-expanded={open} aria-controls="host-filters">Filters{inUse ? ` (${inUse})` : ''}</Button>
          </Group>
          <Collapse expanded={open} id="host-filters"><Stack gap="sm" mt="sm">{filters}</Stack></Collapse>
        </div>
      ) : (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <SearchBox value={view.query} update={update} />
          {filters}
        </SimpleGrid>
      )}
      {(view.os_name || view.low_disk_space || isFiltered(view)) && (
        <Group gap="xs">
          {view.os_name && (
            <Pill withRemoveButton removeButtonProps={{ 'aria-label': 'Remove the OS filter' }} onRemove={() => update({ os_name: '', os_version: '', page: 0 })}>
              OS: {view.os_name} {view.os_version}
            </Pill>
          )}
          {view.low_disk_space && (
            <Pill withRemoveButton removeButtonProps={{ 'aria-label': 'Remove the disk space filter' }} onRemove={() => update({ low_disk_space: '', page: 0 })}>
              Disk space below {view.low_disk_space} GB
            </Pill>
          )}
          <Button variant="subtle" size="compact-sm" onClick={() => update(NO_FILTERS)}>Clear filters</Button>
        </Group>
      )}
    </>
  );
}
