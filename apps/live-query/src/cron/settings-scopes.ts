import type { AppConfigRepository, TeamRepository } from '@fleet/persistence';
import { ALL_TEAMS, UNPAGED } from '@fleet/domain';
import type { AppConfigDocument, Team } from '@fleet/domain';

/** The organisation's settings document and every team's, read once per job. */
export interface SettingsDocuments {
  readonly org: AppConfigDocument;
  readonly teams: readonly Team[];
}

export async function loadSettings(appConfig: AppConfigRepository, teams: TeamRepository): Promise<SettingsDocuments> {
  return { org: await appConfig.get(), teams: (await teams.list(ALL_TEAMS, UNPAGED)).items };
}

/** A setting that is on, with the team it belongs to (null: the organisation's). */
export interface Scoped<T> {
  readonly teamId: number | null;
  readonly value: T;
}

/**
 * The section `key` (for example `webhook_settings`) of the organisation and of each team, parsed by `parse`
 * (null when switched off or incomplete): the organisation's first, then the teams' that are on.
 */
export function scopedSettings<T>(docs: SettingsDocuments, key: string, parse: (section: unknown) => T | null): Array<Scoped<T>> {
  const out: Array<Scoped<T>> = [];
  const org = parse(docs.org[key]);
  if (org !== null) out.push({ teamId: null, value: org });
  for (const t of docs.teams) {
    const value = parse(t.config[key]);
    if (value !== null) out.push({ teamId: t.id, value });
  }
  return out;
}
