import type { Activity } from '../api/activities.api';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** The user an entry is about: name, else email. */
const who = (d: Record<string, unknown>): string => str(d['user_name']) || str(d['user_email']) || 'a user';
const SETTINGS: Record<string, string> = {
  org_info: 'organisation info', server_settings: 'server settings', host_expiry_settings: 'host expiry', webhook_settings: 'webhooks',
  features: 'features', smtp_settings: 'SMTP', sso_settings: 'single sign-on', agent_options: 'agent options', integrations: 'integrations',
  fleet_desktop: 'Fleet Desktop', activity_expiry_settings: 'activity retention',
};
const settingsOf = (d: Record<string, unknown>): string => {
  const keys = Array.isArray(d['keys']) ? (d['keys'] as unknown[]).map(str).filter(Boolean) : [];
  return keys.length ? ` (${keys.map((k) => SETTINGS[k] ?? k.replace(/_/g, ' ')).join(', ')})` : '';
};
const namesOf = (v: unknown, key: string): string[] => (Array.isArray(v) ? v.map((x) => str((x as Record<string, unknown>)?.[key])).filter(Boolean) : []);

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
    case 'deleted_policies': {
      const n = Array.isArray(d['policy_ids']) ? d['policy_ids'].length : 1;
      return `deleted ${n === 1 ? 'a policy' : plural(n, 'policy', 'policies')}${team}`;
    }
    case 'reset_policy_automations': return 'reset the automations of failing policies';
    case 'applied_spec_policy': return `applied ${plural(namesOf(d['policies'], 'name').length, 'policy', 'policies')} from a spec`;
    case 'applied_spec_saved_query': return `applied ${plural(namesOf(d['specs'], 'name').length, 'query', 'queries')} from a spec`;
    case 'applied_spec_team': return `applied the team spec of ${namesOf(d['teams'], 'name').join(', ') || 'teams'}`;
    case 'applied_spec_label': return `applied ${plural(Array.isArray(d['labels']) ? d['labels'].length : 0, 'label')} from a spec`;
    case 'applied_spec_pack': return 'applied a pack spec';
    case 'created_label': return `created label "${str(d['label_name'])}"`;
    case 'edited_label': return str(d['host_display_name'])
      ? `changed label "${str(d['label_name'])}" on host ${str(d['host_display_name'])}` : `edited label "${str(d['label_name'])}"`;
    case 'deleted_label': return `deleted label "${str(d['label_name'])}"`;
    case 'created_pack': return `created pack "${str(d['pack_name'])}"`;
    case 'edited_pack': return `edited pack "${str(d['pack_name'])}"`;
    case 'deleted_pack': return `deleted pack "${str(d['pack_name'])}"`;
    case 'edited_host_device_mapping': return `set the user of host ${str(d['host_display_name'])} to ${str(d['email'])}`;
    case 'created_team': return `created team ${str(d['team_name'])}`;
    case 'edited_team': return `edited team ${str(d['team_name'])}`;
    case 'changed_user_team_role': return `changed the role of ${who(d)} on team ${str(d['team_name'])} to ${str(d['role'])}`;
    case 'deleted_user_team_role': return `removed ${who(d)} from team ${str(d['team_name'])}`;
    case 'changed_user_global_role': return `changed the global role of ${who(d)} to ${str(d['role'])}`;
    case 'deleted_user_global_role': return `removed the global role of ${who(d)}`;
    case 'edited_user': return d['force_password_reset'] === true ? `required ${who(d)} to reset their password`
      : d['force_password_reset'] === false ? `no longer requires ${who(d)} to reset their password` : `edited user ${who(d)}`;
    case 'created_invite': return `invited ${str(d['invite_name']) || str(d['invite_email'])} (${str(d['invite_email'])})`;
    case 'edited_invite': return `edited the invite of ${str(d['invite_email'])}`;
    case 'deleted_invite': return `withdrew the invite of ${str(d['invite_email'])}`;
    case 'changed_password': return 'changed their password';
    case 'reset_password': return 'reset their password';
    case 'requested_password_reset': return `requested a password reset for ${str(d['user_email'])}`;
    case 'deleted_session': return 'ended a session';
    case 'deleted_user_sessions': return `ended every session of ${who(d)}`;
    case 'user_added_by_sso': return 'was added by single sign-on';
    case 'deleted_team': return `deleted team ${str(d['team_name'])}`;
    case 'edited_enroll_secrets': return `edited the enroll secrets${team || ' (global)'}`;
    case 'edited_app_config': return `edited the organisation settings${settingsOf(d)}`;
    case 'edited_agent_options': return d['global'] === true ? 'edited the global agent options' : `edited agent options${team}`;
    case 'created_user': return d['via_invite'] === true ? `added user ${str(d['user_email'])} (invite accepted)` : `created user ${str(d['user_email'])}`;
    case 'deleted_user': return `deleted user ${str(d['user_email'])}`;
    case 'user_logged_in': return 'logged in';
    case 'user_logged_out': return 'logged out';
    case 'user_failed_login': return `failed to log in as ${str(d['email'])}`;
    default: return a.type.replace(/_/g, ' ');
  }
}
