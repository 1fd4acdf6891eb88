/** JSON keys whose values never appear in --debug output. */
const SECRET_KEYS = new Set(['password', 'password_confirmation', 'new_password', 'old_password', 'token', 'secret', 'enroll_secret', 'node_key', 'api_token']);
export const MASK = '********';

/** A deep copy of `value` with every secret-named key's value replaced by MASK. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k.toLowerCase()) && v !== null && v !== '' ? MASK : maskSecrets(v);
    return out;
  }
  return value;
}

/** Body text for the debug log: JSON is masked key by key; anything else is shown by size only. */
export function maskBody(text: string): string {
  if (!text) return '';
  try {
    return JSON.stringify(maskSecrets(JSON.parse(text)));
  } catch {
    return `<${text.length} bytes>`;
  }
}

/** Header lines for the debug log; Authorization keeps only its scheme. */
export function maskHeaders(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([k, v]) => `${k}: ${k.toLowerCase() === 'authorization' ? `${v.split(' ')[0]} ${MASK}` : v}`);
}
