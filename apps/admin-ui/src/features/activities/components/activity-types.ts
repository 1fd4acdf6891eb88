/**
 * The activity types the server records (and describe-activity.ts words), for the type filter. A type the
 * server adds later still lists (unfiltered) and reads as its name; add it here to filter by it.
 */
export const ACTIVITY_TYPES = [
  'applied_spec_label',
  'applied_spec_pack',
  'applied_spec_policy',
  'applied_spec_saved_query',
  'applied_spec_team',
  'changed_password',
  'changed_user_global_role',
  'changed_user_team_role',
  'created_invite',
  'created_label',
  'created_pack',
  'created_policy',
  'created_saved_query',
  'created_team',
  'created_user',
  'deleted_host',
  'deleted_invite',
  'deleted_label',
  'deleted_multiple_saved_query',
  'deleted_pack',
  'deleted_policies',
  'deleted_policy',
  'deleted_saved_query',
  'deleted_session',
  'deleted_team',
  'deleted_user',
  'deleted_user_global_role',
  'deleted_user_sessions',
  'deleted_user_team_role',
  'edited_agent_options',
  'edited_app_config',
  'edited_enroll_secrets',
  'edited_host_device_mapping',
  'edited_invite',
  'edited_label',
  'edited_pack',
  'edited_policy',
  'edited_saved_query',
  'edited_team',
  'edited_user',
  'live_query',
  'processed_vulnerabilities',
  'refetched_host',
  'requested_password_reset',
  'reset_password',
  'reset_policy_automations',
  'transferred_hosts',
  'user_added_by_sso',
  'user_failed_login',
  'user_logged_in',
  'user_logged_out',
] as const;

/** "created_policy" → "Created policy". */
export const activityTypeLabel = (type: string): string => {
  const words = type.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
