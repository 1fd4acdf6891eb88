import { stringify } from 'yaml';

/** Fleet's spec envelope: what `get --yaml/--json` prints and what `apply -f` reads. */
export interface SpecDocument {
  readonly apiVersion: 'v1';
  readonly kind: string;
  readonly spec: unknown;
}

export function specDoc(kind: string, spec: unknown): SpecDocument {
  return { apiVersion: 'v1', kind, spec };
}

export type OutputFormat = 'table' | 'json' | 'yaml';

export function outputFormat(o: { json?: boolean; yaml?: boolean }): OutputFormat {
  return o.yaml ? 'yaml' : o.json ? 'json' : 'table';
}

/** `--yaml`: each document preceded by `---`; `--json`: one document per line (fleet-admin-api.md §3.4). */
export function printSpecs(docs: readonly SpecDocument[], format: 'json' | 'yaml'): string {
  if (format === 'json') return docs.map((d) => JSON.stringify(d)).join('\n') + (docs.length ? '\n' : '');
  return docs.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join('');
}
