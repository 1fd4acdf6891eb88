import type { Activity } from '../api/activities.api';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * An audit-log entry as a sentence without its actor ("deleted host alice-mbp"), from Fleet's activity type
 * and details. Unknown types read as their type name, so a new server-side activity still shows.
 */
export function describeActivity(a: Activity): string {
  const d = a.details;
  const team = str(d['team_name']) ? ` on team ${str(d['team_name'])}` : '';
  switch (a.type) {
    case 'deleted_host': return d['triggered_by'] === 'expiration' ? `expired host ${str(d['host_display_name'])}` : `deleted host ${str(d['host_display_name'])}`;
    case 'refetched_host': return `refetched host ${str(d['host_display_name'])}`;
    case 'transferred_hosts': {
      const names = Array.isArray(d['host_display_names']) ? (d['host_display_names'] as unknown[]).map(str) : [];
      const to = str(d['team_name']) ? `team ${str(d['team_name'])}` : 'no team';
      return `transferred ${names.length === 1 ? `host ${names[0]}` : plural(names.length, 'host')} to ${to}`;
    }
    case 'live_query': {
      const n = Number(d['targets_count'] ?? 0);
      return `ran ${str(d['query_name']) ? `query "${str(d['query_name'])}"` : 'a live query'} on ${plural(n, 'host')}`;
    }
    case 'created_saved_query': return `created query "${str(d['query_name'])}"${team}`;
    case 'edited_saved_query': return `edited query "${str(d['query_name'])}"${team}`;
    case 'deleted_saved_query': return `deleted query "${str(d['query_name'])}"${team}`;
    case 'deleted_multiple_saved_query': return 'deleted several queries';
    case 'created_policy': return `created policy "${str(d['policy_name'])}"${team}`;
    case 'edited_policy': return `edited policy "${str(d['policy_name'])}"${team}`;
    case 'deleted_policy': return `deleted policy "${str(d['policy_name'])}"${team}`;
    case 'created_team': return `created team ${str(d['team_name'])}`;
    case 'deleted_team': return `deleted team ${str(d['team_name'])}`;
    case 'edited_enroll_secrets': return `edited the enroll secrets${team || ' of no team'}`;
    case 'edited_app_config': return 'edited the organisation settings';
    case 'edited_agent_options': return `edited agent options${team}`;
    case 'created_user': return `created user ${str(d['user_email'])}`;
    case 'deleted_user': return `deleted user ${str(d['user_email'])}`;
    case 'user_logged_in': return 'logged in';
    case 'user_logged_out': return 'logged out';
    case 'user_failed_login': return `failed to log in as ${str(d['email'])}`;
    default: return a.type.replace(/_/g, ' ');
  }
}
