import type { TeamDto } from '@fleet/contracts';
import { rfc3339 } from '../core/time.mapper';
import type { EnrollSecret, Team } from '@fleet/domain';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

export const toSecretDto = (s: EnrollSecret) => ({ secret: s.secret, created_at: rfc3339(s.createdAt), team_id: s.teamId });

/** The team object; enroll secrets are attached only when the caller may read them (`secrets` undefined = omitted). */
export function toTeamDto(t: Team, secrets: readonly EnrollSecret[] | undefined): TeamDto {
  const c = t.config;
  const features = obj(c['features']);
  const expiry = obj(c['host_expiry_settings']);
  return {
    id: t.id, created_at: rfc3339(t.createdAt), name: t.name, description: t.description, user_count: t.userCount, host_count: t.hostCount,
    agent_options: c['agent_options'] === undefined ? null : obj(c['agent_options']),
    ...(secrets !== undefined ? { secrets: secrets.map(toSecretDto) } : {}),
    webhook_settings: {
      failing_policies_webhook: { enable_failing_policies_webhook: false, destination_url: '', policy_ids: null, host_batch_size: 0 },
      ...obj(c['webhook_settings']),
    },
    integrations: { jira: null, zendesk: null, google_calendar: null, ...obj(c['integrations']) },
    features: { ...features, enable_host_users: features['enable_host_users'] !== false, enable_software_inventory: features['enable_software_inventory'] !== false },
    host_expiry_settings: { host_expiry_enabled: expiry['host_expiry_enabled'] === true, host_expiry_window: Number(expiry['host_expiry_window'] ?? 0) },
  };
}
