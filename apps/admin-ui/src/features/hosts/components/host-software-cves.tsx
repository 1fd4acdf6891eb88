import { Anchor, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { Severity } from '../../software/components/software-parts';
import type { HostDetail } from '../api/hosts.api';

type Cve = NonNullable<HostDetail['software'][number]['vulnerabilities']>[number];
const SHOWN = 3;

/** The highest CVSS score among a version's CVEs (-1 when none is scored), for sorting and the row's severity. */
export const worstCvss = (cves: readonly Cve[] | null): number => Math.max(-1, ...(cves ?? []).map((c) => c.cvss_score ?? -1));

/**
 * A software version's CVEs on this host, worst first: each id links to its NVD page (Fleet's `details_link`)
 * beside its CVSS score and severity; past three, a button shows the rest.
 */
export function HostSoftwareCves({ cves, software }: { cves: readonly Cve[] | null; software: string }) {
  const [all, setAll] = useState(false);
  if (!cves || cves.length === 0) return <Text size="sm" c="dimmed">None found</Text>;
  const sorted = [...cves].sort((a, b) => (b.cvss_score ?? -1) - (a.cvss_score ?? -1) || a.cve.localeCompare(b.cve));
  const shown = all ? sorted : sorted.slice(0, SHOWN);
  return (
    <Stack gap={4}>
      {shown.map((c) => (
        <Group key={c.cve} gap={6} wrap="nowrap">
          <Anchor href={c.details_link} target="_blank" rel="noreferrer" size="sm" ff="monospace">{c.cve}</Anchor>
          <Severity score={c.cvss_score} />
        </Group>
      ))}
      {sorted.length > SHOWN && (
        <UnstyledButton fz="sm" c="blue.8" onClick={() => setAll(!all)} aria-expanded={all} aria-label={all ? `Show fewer CVEs of ${software}` : `Show all ${sorted.length} CVEs of ${software}`}>
          {all ? 'Show fewer' : `Show all ${sorted.length}`}
        </UnstyledButton>
      )}
    </Stack>
  );
}
