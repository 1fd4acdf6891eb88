import { Anchor, CloseButton, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ToneBadge } from '../../../shared/components/status-badge';
import type { Tone } from '../../../shared/components/status-badge';
import { useTeamOptions } from '../../teams/hooks/use-teams';

/** The search box of a list: the URL (and so the request) changes 300 ms after the last keystroke. */
export function SearchBox({ value, onSearch, label, placeholder }: { value: string; onSearch: (q: string) => void; label: string; placeholder: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const push = useDebouncedCallback((q: string) => onSearch(q.trim()), 300);
  return (
    <TextInput aria-label={label} placeholder={placeholder} value={text} type="search" w={320} maw="100%"
      onChange={(e) => { setText(e.currentTarget.value); push(e.currentTarget.value); }}
      rightSection={text ? <CloseButton aria-label="Clear search" size="sm" onClick={() => { setText(''); onSearch(''); }} /> : null} />
  );
}

/** The team whose hosts are counted ('' = all the caller's teams), as on the host list. */
export function TeamSelect({ value, onChange }: { value: string; onChange: (teamId: string) => void }) {
  const teams = useTeamOptions();
  return <Select aria-label="Team" placeholder="All teams" data={teams} value={value || null} onChange={(v) => onChange(v ?? '')} clearable searchable w={220} />;
}

const SECTIONS = [
  { to: '/software', label: 'Software', current: (p: string) => p === '/software' || p.startsWith('/software/titles') },
  { to: '/software/os', label: 'OS versions', current: (p: string) => p.startsWith('/software/os') },
  { to: '/vulnerabilities', label: 'Vulnerabilities', current: (p: string) => p.startsWith('/vulnerabilities') },
];

/** Links between the software, OS versions and vulnerabilities pages (the team filter goes along). */
export function SoftwareNav({ teamId }: { teamId: string }) {
  const { pathname } = useLocation();
  return (
    <Group gap="md" component="nav" aria-label="Software sections">
      {SECTIONS.map((s) => (
        <Anchor key={s.to} component={Link} to={`${s.to}${teamId ? `?team_id=${teamId}` : ''}`} fw={s.current(pathname) ? 700 : 400}
          aria-current={s.current(pathname) ? 'page' : undefined} c={s.current(pathname) ? undefined : 'dark.6'}>{s.label}</Anchor>
      ))}
    </Group>
  );
}

/** CVSS v3 severity bands (NVD): critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0. */
export function severityOf(score: number | null | undefined): { label: string; tone: Tone } | null {
  if (score === null || score === undefined) return null;
  if (score >= 9) return { label: 'Critical', tone: 'red' };
  if (score >= 7) return { label: 'High', tone: 'orange' };
  if (score >= 4) return { label: 'Medium', tone: 'blue' };
  return { label: score > 0 ? 'Low' : 'None', tone: 'gray' };
}

export function Severity({ score }: { score: number | null | undefined }) {
  const s = severityOf(score);
  if (!s || score === null || score === undefined) return <span>—</span>;
  return <ToneBadge tone={s.tone} size="sm">{score.toFixed(1)} {s.label}</ToneBadge>;
}

/** EPSS: the probability of exploitation in the next 30 days, as a percentage. */
export const epss = (p: number | null | undefined) => (p === null || p === undefined ? '—' : `${(p * 100).toFixed(p < 0.001 ? 2 : 1)} %`);

export const teamQuery = (teamId: string) => (teamId ? `?team_id=${teamId}` : '');

/** The date part of an ISO timestamp. */
export const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—');
