import type { LogRecord } from '@fleet/contracts';

const PART = /\{([^{}]+)\}/g;

/**
 * Fills `{log.field.path}` parts of a subject or routing key from the record's JSON (Fleet's NATS subject
 * templates, dot paths only) and `{log_type}` with the record's type. A path that is missing or not a scalar
 * becomes `unknown`; characters NATS and AMQP give meaning to (`.`, `*`, `>`, spaces) are replaced by `_`
 * inside a filled part, so a value can never add subject levels or wildcards.
 */
export function fillTemplate(template: string, record: LogRecord): string {
  if (!template.includes('{')) return template;
  let parsed: unknown;
  let tried = false;
  return template.replace(PART, (_, expr: string) => {
    const path = expr.trim();
    if (path === 'log_type') return record.type;
    if (!path.startsWith('log.')) return 'unknown';
    if (!tried) {
      tried = true;
      try {
        parsed = JSON.parse(record.line);
      } catch {
        parsed = undefined;
      }
    }
    let cur: unknown = parsed;
    for (const key of path.slice(4).split('.')) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
    if (typeof cur !== 'string' && typeof cur !== 'number' && typeof cur !== 'boolean') return 'unknown';
    const text = String(cur).replace(/[.*>\s]/g, '_');
    return text === '' ? 'unknown' : text;
  });
}
