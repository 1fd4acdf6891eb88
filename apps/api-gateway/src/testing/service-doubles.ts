import { Caller } from '@fleet/auth';
import type { RoleName } from '@fleet/domain';
import type { HostCacheStore } from '@fleet/messaging';
import type { ActivityRepository, TeamRepository } from '@fleet/persistence';
import { ActivityRecorder } from '../core/activity.recorder';

/**
 * Small stand-ins for a service's collaborators in unit tests (no database, no Redis): the real
 * ActivityRecorder over a list, a config-version counter instead of Redis, teams from an array.
 */

/** A signed-in caller: a global role, or roles on teams. */
export function callerWith(roles: { readonly global?: RoleName; readonly teams?: ReadonlyArray<{ readonly teamId: number; readonly role: RoleName }> }): Caller {
  return new Caller({
    id: 1, name: 'Ada', email: 'ada@example.com', globalRole: roles.global ?? null, teams: roles.teams ?? [], apiOnly: false, forcePasswordReset: false,
  }, 1, '127.0.0.1');
}

export interface RecordedActivity { readonly type: string; readonly details: Record<string, unknown> }

/** The real recorder, writing to `log`. */
export function recordingActivities(): { readonly recorder: ActivityRecorder; readonly log: RecordedActivity[] } {
  const log: RecordedActivity[] = [];
  const repo: Pick<ActivityRepository, 'record'> = {
    record: (_actor, type, details) => {
      log.push({ type, details });
      return Promise.resolve();
    },
  };
  return { recorder: new ActivityRecorder(repo as ActivityRepository), log };
}

/** Counts agent config version bumps (HostCacheStore's only use by the content services). */
export function countingConfigVersion(): { readonly store: HostCacheStore; readonly bumps: () => number } {
  let n = 0;
  const store: Pick<HostCacheStore, 'bumpConfigVersion'> = { bumpConfigVersion: () => { n++; return Promise.resolve(); } };
  return { store: store as HostCacheStore, bumps: () => n };
}

type Team = NonNullable<Awaited<ReturnType<TeamRepository['findById']>>>;

/** Teams looked up by id and name; the content services only read them. */
export function teamsOf(names: Readonly<Record<number, string>>): TeamRepository {
  const all: Team[] = Object.entries(names).map(([id, name]) => ({
    id: Number(id), name, description: '', config: {}, createdAt: new Date(0), userCount: 0, hostCount: 0,
  }));
  const repo: Pick<TeamRepository, 'findById' | 'findByName'> = {
    findById: (id) => Promise.resolve(all.find((t) => t.id === id) ?? null),
    findByName: (name) => Promise.resolve(all.find((t) => t.name === name) ?? null),
  };
  return repo as TeamRepository;
}
