import { Badge, CloseButton, Group, Loader, Paper, Pill, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { queryKeys } from '../../../api/query-keys';
import { liveQueryApi } from '../api/live-query.api';
import type { TargetsAnswer } from '../api/live-query.api';

export interface Target { readonly id: number; readonly name: string }
export interface Selection { readonly hosts: readonly Target[]; readonly labels: readonly Target[]; readonly teams: readonly Target[] }
export const NO_TARGETS: Selection = { hosts: [], labels: [], teams: [] };
type Kind = keyof Selection;

const ids = (s: Selection) => ({ hosts: s.hosts.map((t) => t.id), labels: s.labels.map((t) => t.id), teams: s.teams.map((t) => t.id) });
const KIND_LABEL: Record<Kind, string> = { labels: 'Label', teams: 'Team', hosts: 'Host' };

/** The targets the server counted for the current selection (online / total), or null before the first answer. */
export function useTargetCounts(selection: Selection) {
  const answer = useQuery({
    queryKey: queryKeys.targets.search('', ids(selection)), placeholderData: keepPreviousData,
    queryFn: ({ signal }) => liveQueryApi.targets({ query: '', selected: ids(selection) }, signal),
  });
  return answer.data ?? null;
}

/**
 * Search-as-you-type over hosts (hostname, display name, serial, UUID, IP), labels and teams (POST /targets),
 * with each label's and team's host count; picked targets show as removable pills.
 */
export function TargetPicker({ selection, onChange, counts }: { selection: Selection; onChange: (s: Selection) => void; counts: TargetsAnswer | null }) {
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 250);
  const found = useQuery({
    queryKey: queryKeys.targets.search(search, ids(selection)), enabled: search.length > 0, placeholderData: keepPreviousData,
    queryFn: ({ signal }) => liveQueryApi.targets({ query: search, selected: ids(selection) }, signal),
  });
  const add = (kind: Kind, t: Target) => { onChange({ ...selection, [kind]: [...selection[kind], t] }); setText(''); };
  const remove = (kind: Kind, id: number) => onChange({ ...selection, [kind]: selection[kind].filter((t) => t.id !== id) });
  const picked = (kind: Kind, id: number) => selection[kind].some((t) => t.id === id);
  const options = optionsOf(found.data, text.trim().length > 0);

  return (
    <Stack gap={6}>
      <TextInput label="Targets" placeholder="Search hosts, labels or teams" value={text} onChange={(e) => setText(e.currentTarget.value)}
        rightSection={found.isFetching ? <Loader size="xs" /> : null} aria-describedby="target-counts" />
      {options && (
        <Paper withBorder shadow="sm" data-testid="target-options">
          <ScrollArea.Autosize mah={260}>
            {options.length === 0 && <Text p="sm" size="sm" c="dimmed">Nothing matches “{text}”.</Text>}
            {options.map((o) => (
              <UnstyledButton key={`${o.kind}-${o.id}`} display="block" w="100%" px="sm" py={6} disabled={picked(o.kind, o.id)}
                onClick={() => add(o.kind, { id: o.id, name: o.name })} aria-label={`Add ${KIND_LABEL[o.kind].toLowerCase()} ${o.name}`}
                style={{ opacity: picked(o.kind, o.id) ? 0.5 : 1 }}>
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                    <Badge variant="outline" color="gray" size="sm" style={{ flexShrink: 0 }}>{KIND_LABEL[o.kind]}</Badge>
                    <Text size="sm" truncate>{o.name}</Text>
                    {o.detail && <Text size="xs" c="dimmed" truncate>{o.detail}</Text>}
                  </Group>
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>{o.count}</Text>
                </Group>
              </UnstyledButton>
            ))}
          </ScrollArea.Autosize>
        </Paper>
      )}
      <Group gap={6} data-testid="selected-targets">
        {(['labels', 'teams', 'hosts'] as const).flatMap((kind) => selection[kind].map((t) => (
          <Pill key={`${kind}-${t.id}`} size="md">
            <Group gap={4} wrap="nowrap">
              <Text span size="xs" c="dimmed">{KIND_LABEL[kind]}</Text>{t.name}
              <CloseButton size="xs" aria-label={`Remove ${KIND_LABEL[kind].toLowerCase()} ${t.name}`} onClick={() => remove(kind, t.id)} />
            </Group>
          </Pill>
        )))}
      </Group>
      <Text id="target-counts" size="sm" data-testid="target-counts">
        {counts ? `${counts.targets_count.toLocaleString()} host(s) targeted: ${counts.targets_online.toLocaleString()} online, ${counts.targets_offline.toLocaleString()} offline`
          : 'Counting hosts…'}
      </Text>
    </Stack>
  );
}

interface Option { kind: Kind; id: number; name: string; detail?: string; count: string }

function optionsOf(answer: TargetsAnswer | undefined, searching: boolean): Option[] | null {
  if (!searching || !answer) return null;
  const t = answer.targets;
  return [
    ...t.labels.map((l) => ({ kind: 'labels' as const, id: l.id, name: l.name, count: `${l.count.toLocaleString()} hosts` })),
    ...t.teams.map((x) => ({ kind: 'teams' as const, id: x.id, name: x.name, count: `${x.host_count.toLocaleString()} hosts` })),
    ...t.hosts.map((h) => ({ kind: 'hosts' as const, id: h.id, name: h.display_name || h.hostname, detail: h.display_name && h.display_name !== h.hostname ? h.hostname : undefined, count: h.status })),
  ];
}
