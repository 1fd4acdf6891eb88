/** Fleet's RFC 3339 timestamps, in UTC. */
export function rfc3339(d: Date | null | undefined): string {
  return d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '0001-01-01T00:00:00Z';
}

/** Fleet's `meta` of the newer list endpoints. */
export function listMeta(page: { hasNext: boolean; hasPrevious: boolean }): { has_next_results: boolean; has_previous_results: boolean } {
  return { has_next_results: page.hasNext, has_previous_results: page.hasPrevious };
}
