import { Badge } from '@mantine/core';
import type { BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

export type Tone = 'green' | 'gray' | 'blue' | 'red' | 'orange';

/**
 * A badge whose colour is a dot beside text in the text colour: coloured text on Mantine's light badge
 * background stays below 4.5:1 contrast at badge size (axe's color-contrast rule), a dot does not need to.
 */
export function ToneBadge({ tone, children, ...props }: { tone: Tone; children: ReactNode } & Omit<BadgeProps, 'color' | 'variant'>) {
  return <Badge variant="dot" color={`${tone}.7`} style={{ minWidth: 'max-content' }} {...props}>{children}</Badge>;
}

const TONES: Record<string, Tone> = { online: 'green', offline: 'gray', new: 'blue', missing: 'red' };

/** A host's status as Fleet names it. */
export function StatusBadge({ status }: { status: string }) {
  return <ToneBadge tone={TONES[status] ?? 'gray'}>{status}</ToneBadge>;
}
