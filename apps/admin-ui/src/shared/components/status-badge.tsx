import { Badge } from '@mantine/core';
import type { BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

export type Tone = 'green' | 'gray' | 'blue' | 'red' | 'orange';

/**
 * A light badge whose text is shade 9 of its colour, which keeps it above 4.5:1 contrast on the light
 * background (Mantine's default light text fails axe's color-contrast rule on some colours).
 */
export function ToneBadge({ tone, children, ...props }: { tone: Tone; children: ReactNode } & Omit<BadgeProps, 'color' | 'variant' | 'c'>) {
  return <Badge variant="light" color={tone} c={`${tone}.9`} style={{ minWidth: 'max-content' }} {...props}>{children}</Badge>;
}

const TONES: Record<string, Tone> = { online: 'green', offline: 'gray', new: 'blue', missing: 'red' };

/** A host's status as Fleet names it. */
export function StatusBadge({ status }: { status: string }) {
  return <ToneBadge tone={TONES[status] ?? 'gray'}>{status}</ToneBadge>;
}
