import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { ActivityFilters } from '../hooks/use-activities';
import { ACTIVITY_TYPES, activityTypeLabel } from './activity-types';

const TYPE_OPTIONS = ACTIVITY_TYPES.map((t) => ({ value: t, label: activityTypeLabel(t) }));

/** The actor search: the filter (and so the request) changes 300 ms after the last keystroke. */
function ActorInput({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const push = useDebouncedCallback((q: string) => onSearch(q.trim()), 300);
  return <TextInput label="User" placeholder="Name or email" type="search" value={text} w={220} maw="100%" onChange={(e) => { setText(e.currentTarget.value); push(e.currentTarget.value); }} />;
}

/** The activity page's filters: type, actor (name or email, searched as typed) and a range of days. */
export function ActivityFilterBar({ filters, onChange }: { filters: ActivityFilters; onChange: (patch: Partial<ActivityFilters>) => void }) {
  const any = Boolean(filters.type || filters.actor || filters.from || filters.to);
  return (
    <Group gap="sm" align="end" wrap="wrap">
      <Select label="Activity type" placeholder="All types" data={TYPE_OPTIONS} value={filters.type || null} onChange={(v) => onChange({ type: v ?? '' })}
        searchable clearable w={240} maw="100%" />
      <ActorInput value={filters.actor} onSearch={(actor) => onChange({ actor })} />
      <TextInput label="From" type="date" value={filters.from} max={filters.to || undefined} w={160} onChange={(e) => onChange({ from: e.currentTarget.value })} />
      <TextInput label="To" type="date" value={filters.to} min={filters.from || undefined} w={160} onChange={(e) => onChange({ to: e.currentTarget.value })} />
      {any && <Button variant="subtle" onClick={() => onChange({ type: '', actor: '', from: '', to: '' })}>Clear filters</Button>}
    </Group>
  );
}
