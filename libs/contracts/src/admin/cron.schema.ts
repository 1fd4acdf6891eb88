import { z } from 'zod';

/**
 * The background schedules an admin can trigger (`POST /trigger?name=`, `fleetctl trigger --name`), named as
 * Fleet names them. `cleanups_then_aggregation` expires idle sessions and unseen hosts, prunes old run
 * records and records each team's online host count (the dashboard's history); `automations` sends the host
 * status, failing-policies and vulnerabilities webhooks; `vulnerabilities` syncs the vulnerability feeds and
 * matches new software versions and changed CVEs.
 */
export const CRON_SCHEDULES = ['automations', 'cleanups_then_aggregation', 'vulnerabilities'] as const;
export type CronScheduleName = (typeof CRON_SCHEDULES)[number];

export function isCronScheduleName(name: string): name is CronScheduleName {
  return (CRON_SCHEDULES as readonly string[]).includes(name);
}

/**
 * `POST /trigger` query. Any text passes here: the service answers a missing or unknown name with 400 and the
 * valid names, after the permission check, as Fleet does.
 */
export const triggerQuerySchema = z.object({ name: z.string().optional().describe(`The schedule: ${CRON_SCHEDULES.join(' or ')}`) });
