import type { ApiClient } from '../http/api.client';
import type { ParsedSpec } from './spec.parser';
import type { SpecKind } from './spec.schema';

/**
 * The order kinds are sent in, so that what a document refers to exists first: teams before team queries and
 * policies, labels before packs and queries that target them, queries before the packs that schedule them.
 */
const APPLY_ORDER: readonly SpecKind[] = ['enroll_secret', 'config', 'team', 'label', 'query', 'pack', 'policy', 'user_roles'];

const PLURAL: Record<SpecKind, string> = {
  query: 'queries', pack: 'packs', label: 'labels', policy: 'policies', team: 'teams', enroll_secret: 'enroll secrets', config: 'fleet config', user_roles: 'user roles',
};

/** Kinds the server can check without writing; the rest are only validated locally under --dry-run. */
const SERVER_DRY_RUN: ReadonlySet<SpecKind> = new Set(['config', 'team', 'enroll_secret']);

export interface ApplyOptions {
  readonly dryRun: boolean;
  readonly force: boolean;
}

/** Sends each kind's documents as one batch upsert to its /spec endpoint; returns Fleet's `[+] applied ...` lines. */
export async function applySpecs(client: ApiClient, specs: readonly ParsedSpec[], o: ApplyOptions): Promise<string[]> {
  const lines: string[] = [];
  for (const kind of APPLY_ORDER) {
    const batch = specs.filter((s) => s.kind === kind).map((s) => s.spec);
    if (batch.length === 0) continue;
    if (!o.dryRun || SERVER_DRY_RUN.has(kind)) await send(client, kind, batch, o);
    const verb = o.dryRun ? "[+] would've applied" : '[+] applied';
    lines.push(kind === 'config' || kind === 'enroll_secret' || kind === 'user_roles' ? `${verb} ${PLURAL[kind]}` : `${verb} ${batch.length} ${PLURAL[kind]}`);
  }
  return lines;
}

async function send(client: ApiClient, kind: SpecKind, batch: Array<Record<string, unknown>>, o: ApplyOptions): Promise<void> {
  const q = `?dry_run=${o.dryRun}&force=${o.force}`;
  switch (kind) {
    case 'query': return void (await client.api('POST', '/spec/queries', { specs: batch }));
    case 'pack': return void (await client.api('POST', '/spec/packs', { specs: batch }));
    case 'label': return void (await client.api('POST', '/spec/labels', { specs: batch }));
    case 'policy': return void (await client.api('POST', '/spec/policies', { specs: batch }));
    case 'enroll_secret': return void (await client.api('POST', '/spec/enroll_secret', { spec: batch[batch.length - 1], dry_run: o.dryRun }));
    case 'config': return void (await client.api('PATCH', `/config${q}`, batch[batch.length - 1]));
    case 'team': return void (await client.api('POST', `/spec/teams${q}`, { specs: batch.map((b) => b['team']) }));
    case 'user_roles': return void (await client.api('POST', '/users/roles/spec', { spec: batch[batch.length - 1] }));
  }
}
