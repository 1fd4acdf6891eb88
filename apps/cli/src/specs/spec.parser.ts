import { parseAllDocuments } from 'yaml';
import { CliError } from '../cli.error';
import { envValue } from '../config/env';
import { SPEC_KINDS, SPEC_SCHEMAS } from './spec.schema';
import type { SpecKind } from './spec.schema';

/** One validated document of a spec file, with its 1-based position for messages. */
export interface ParsedSpec {
  readonly index: number;
  readonly kind: SpecKind;
  readonly spec: Record<string, unknown>;
}

/**
 * `$VAR` and `${VAR}` are replaced from the environment (`\$` escapes a dollar); `$FLEET_VAR_*` is left for the
 * server, as Fleet does. An unset variable is an error rather than an empty string, so a typo cannot blank a secret.
 */
export function expandEnv(text: string): string {
  return text.replace(/\\\$|\$\{(\w+)\}|\$(\w+)/g, (match, braced: string | undefined, bare: string | undefined) => {
    if (match === '\\$') return '$';
    const name = (braced ?? bare) as string;
    if (name.startsWith('FLEET_VAR_')) return match;
    const value = envValue(name);
    if (value === undefined) throw new CliError(`environment variable "${name}" not set`);
    return value;
  });
}

/** Where a document is, for messages: `document 2 (kind "query", name "x")`. */
function where(index: number, kind?: string, spec?: unknown): string {
  const name = (spec as { name?: unknown; team?: { name?: unknown } } | null | undefined);
  const n = typeof name?.name === 'string' ? name.name : typeof name?.team?.name === 'string' ? name.team.name : undefined;
  return `document ${index}${kind ? ` (kind "${kind}"${n ? `, name "${n}"` : ''})` : ''}`;
}

/**
 * Parses a multi-document YAML spec file and validates every document before anything is sent, so a bad
 * document refuses the whole file. Errors name the document and the field.
 */
export function parseSpecFile(fileName: string, text: string): ParsedSpec[] {
  if (!/\.ya?ml$/i.test(fileName)) throw new CliError('Missing file extension: only .yml or .yaml files can be applied');
  const docs = parseAllDocuments(expandEnv(text));
  const out: ParsedSpec[] = [];
  let configs = 0;
  docs.forEach((doc, i) => {
    const index = i + 1;
    if (doc.errors.length) throw new CliError(`${where(index)}: invalid YAML: ${doc.errors[0]?.message ?? ''}`);
    const raw = doc.toJS() as unknown;
    if (raw === null || raw === undefined) return;
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new CliError(`${where(index)}: expected a mapping with apiVersion, kind and spec`);
    const { kind, spec, apiVersion, ...rest } = raw as Record<string, unknown>;
    if (kind === undefined && spec === undefined) throw new CliError(`${where(index)}: Missing required fields ("spec", "kind") on provided configuration.`);
    if (typeof kind !== 'string') throw new CliError(`${where(index)}: field "kind": expected a string`);
    if (spec === undefined) throw new CliError(`${where(index)}: Missing required fields ("spec") on provided "${kind}" configuration.`);
    const k = kind.toLowerCase() as SpecKind;
    if (!SPEC_KINDS.includes(k)) throw new CliError(`${where(index)}: unknown kind "${kind}"`);
    if (apiVersion !== undefined && apiVersion !== 'v1') throw new CliError(`${where(index, k, spec)}: field "apiVersion": expected "v1", got ${JSON.stringify(apiVersion)}`);
    const extra = Object.keys(rest)[0];
    if (extra) throw new CliError(`${where(index, k, spec)}: field "${extra}": unknown key`);
    if (k === 'config' && ++configs > 1) throw new CliError('config defined twice in the same file');
    const result = SPEC_SCHEMAS[k].safeParse(spec);
    if (!result.success) {
      const issue = result.error.issues[0];
      const keys = issue && 'keys' in issue ? (issue.keys) : [];
      const path = ['spec', ...(issue?.path ?? []).map(String), ...keys.slice(0, 1)].join('.');
      const message = issue?.code === 'unrecognized_keys' ? 'unknown key' : issue?.message ?? 'invalid';
      throw new CliError(`${where(index, k, spec)}: field "${path}": ${message}`);
    }
    out.push({ index, kind: k, spec: spec as Record<string, unknown> });
  });
  if (out.length === 0) throw new CliError('No specs found in the file');
  return out;
}
