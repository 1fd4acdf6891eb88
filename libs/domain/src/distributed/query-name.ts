/**
 * Distributed query names as Fleet builds them. The agent echoes the name back in distributed/write, so the
 * prefix is how a write is dispatched (vitals, label membership, policy result, live-query campaign).
 */
export const QUERY_NAME_PREFIX = {
  detail: 'fleet_detail_query_',
  additional: 'fleet_additional_query_',
  label: 'fleet_label_query_',
  policy: 'fleet_policy_query_',
  distributed: 'fleet_distributed_query_',
} as const;

/** Sent when policies are due but the host has none, so `policy_updated_at` still advances. */
export const NO_POLICIES_WILDCARD = 'fleet_no_policies_wildcard';

export type QueryNameKind = keyof typeof QUERY_NAME_PREFIX;

export type ParsedQueryName =
  | { readonly kind: 'detail' | 'additional'; readonly key: string }
  | { readonly kind: 'label' | 'policy' | 'distributed'; readonly key: string; readonly id: number }
  | { readonly kind: 'no_policies_wildcard'; readonly key: '' }
  | { readonly kind: 'unknown'; readonly key: string };

const NUMERIC_ID = /^[0-9]{1,15}$/;

export function buildQueryName(kind: QueryNameKind, key: string | number): string {
  return `${QUERY_NAME_PREFIX[kind]}${key}`;
}

export const detailQueryName = (name: string): string => buildQueryName('detail', name);
export const labelQueryName = (labelId: number): string => buildQueryName('label', labelId);
export const policyQueryName = (policyId: number): string => buildQueryName('policy', policyId);
export const campaignQueryName = (campaignId: number): string => buildQueryName('distributed', campaignId);

/**
 * Never throws: names the server did not issue (or with a non-numeric id where one is required) come back as
 * `unknown` so the caller can log and skip them instead of failing the whole write.
 */
export function parseQueryName(name: string): ParsedQueryName {
  if (name === NO_POLICIES_WILDCARD) return { kind: 'no_policies_wildcard', key: '' };
  for (const kind of Object.keys(QUERY_NAME_PREFIX) as QueryNameKind[]) {
    const prefix = QUERY_NAME_PREFIX[kind];
    if (!name.startsWith(prefix)) continue;
    const key = name.slice(prefix.length);
    if (key === '') return { kind: 'unknown', key: name };
    switch (kind) {
      case 'detail':
      case 'additional':
        return { kind, key };
      case 'label':
      case 'policy':
      case 'distributed':
        return NUMERIC_ID.test(key) ? { kind, key, id: Number(key) } : { kind: 'unknown', key: name };
    }
  }
  return { kind: 'unknown', key: name };
}
