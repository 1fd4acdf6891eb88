import type { FieldError, SsoSettings } from '@fleet/contracts';

/**
 * What is wrong with SSO settings that turn single sign-on on (Fleet's checks on PATCH /config): one source
 * of identity-provider metadata (XML or URL, not both), this server's entity id, and the name the login
 * page shows. Nothing is checked while SSO stays off.
 */
export function ssoSettingsProblems(s: SsoSettings): FieldError[] {
  if (!s.enable_sso) return [];
  const problems: FieldError[] = [];
  if (!s.metadata && !s.metadata_url) problems.push({ name: 'metadata', reason: 'either metadata or metadata_url must be defined' });
  if (s.metadata && s.metadata_url) problems.push({ name: 'metadata', reason: 'both metadata and metadata_url are defined, only one is allowed' });
  if (s.metadata_url && !/^https?:\/\//i.test(s.metadata_url)) problems.push({ name: 'metadata_url', reason: 'must be an http or https URL' });
  if (!s.entity_id) problems.push({ name: 'entity_id', reason: 'required' });
  else if (s.entity_id.length < 5) problems.push({ name: 'entity_id', reason: 'must be 5 or more characters' });
  if (!s.idp_name) problems.push({ name: 'idp_name', reason: 'required' });
  return problems;
}
