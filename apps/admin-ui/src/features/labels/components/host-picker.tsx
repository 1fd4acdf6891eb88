import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { queryKeys } from '../../../api/query-keys';
import { hostsApi } from '../../hosts/api/hosts.api';

export interface PickedHost { readonly hostname: string; readonly name: string }

/**
 * Picks hosts by searching the server's host list as one types (hostname, display name, serial, UUID, IP);
 * the picked hosts are pills that can be removed. Values are hostnames, which the label API accepts.
 */
export function HostPicker({ value, onChange, label, description, disabled, error }: {
  value: readonly PickedHost[]; onChange: (hosts: PickedHost[]) => void; label: string; description?: string; disabled?: boolean; error?: string;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const params = { query: debounced, per_page: '20', order_key: 'hostname' };
  const found = useQuery({
    queryKey: queryKeys.hosts.list(params), queryFn: ({ signal }) => hostsApi.list(params, signal), placeholderData: keepPreviousData, enabled: !disabled,
  });
  const known = new Map(value.map((h) => [h.hostname, h]));
  for (const h of found.data?.hosts ?? []) if (!known.has(h.hostname)) known.set(h.hostname, { hostname: h.hostname, name: h.display_name || h.hostname });
  const data = [...known.values()].map((h) => ({ value: h.hostname, label: h.name === h.hostname ? h.hostname : `${h.name} (${h.hostname})` }));
  return (
    <MultiSelect label={label} description={description} error={error} disabled={disabled} searchable clearable hidePickedOptions
      placeholder={value.length ? undefined : 'Search hosts by name, serial, UUID or IP'} nothingFoundMessage={found.isFetching ? 'Searching…' : 'No host matches'}
      data={data} value={value.map((h) => h.hostname)} searchValue={search} onSearchChange={setSearch} filter={({ options }) => options}
      onChange={(names) => onChange(names.map((n) => known.get(n) ?? { hostname: n, name: n }))} />
  );
}
