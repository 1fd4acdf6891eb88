/**
 * CPE 2.3 names in the formatted-string binding (NISTIR 7695 §6.2): `cpe:2.3:part:vendor:product:version:
 * update:edition:language:sw_edition:target_sw:target_hw:other`. Inside a component a backslash quotes the
 * next character (`notepad\+\+`, `node\.js` is written `node.js`); `*` is ANY and `-` is NA.
 */
export interface Cpe {
  readonly part: string;
  readonly vendor: string;
  readonly product: string;
  readonly version: string;
  readonly update: string;
  readonly edition: string;
  readonly language: string;
  readonly swEdition: string;
  readonly targetSw: string;
  readonly targetHw: string;
  readonly other: string;
}

const FIELDS = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language', 'swEdition', 'targetSw', 'targetHw', 'other'] as const;

/** Splits on the colons that are not quoted by a backslash. */
function splitComponents(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += c + (s[i + 1]);
      i++;
    } else if (c === ':') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** A component with its quoting removed (`notepad\+\+` → `notepad++`), lower-cased for comparison. */
export function unquoteCpeComponent(v: string): string {
  return v.replace(/\\(.)/g, '$1').toLowerCase();
}

/** Quotes what the binding requires to be quoted; `*` and `-` pass as the logical values they are. */
export function quoteCpeComponent(v: string): string {
  if (v === '*' || v === '-' || v === '') return v === '' ? '*' : v;
  return v.replace(/[^a-zA-Z0-9._-]/g, (c) => `\\${c}`);
}

/** Parses a 2.3 formatted string; null when it is not one. Components keep their quoting. */
export function parseCpe(text: string): Cpe | null {
  if (!text.startsWith('cpe:2.3:')) return null;
  const parts = splitComponents(text.slice('cpe:2.3:'.length));
  if (parts.length !== 11) return null;
  const out: Record<string, string> = {};
  FIELDS.forEach((f, i) => { out[f] = parts[i]; });
  return out as unknown as Cpe;
}

export function formatCpe(c: Partial<Cpe> & Pick<Cpe, 'part' | 'vendor' | 'product'>): string {
  return `cpe:2.3:${FIELDS.map((f) => c[f] ?? '*').join(':')}`;
}

/** `vendor:product`, unquoted and lower-cased: the key criteria and software CPEs are matched on. */
export function cpeProductKey(c: Pick<Cpe, 'vendor' | 'product'>): string {
  return `${unquoteCpeComponent(c.vendor)}:${unquoteCpeComponent(c.product)}`;
}

/** Whether a criterion component admits a name's component: ANY admits everything; otherwise equality (unquoted, any case). */
export function cpeComponentMatches(criterion: string, value: string): boolean {
  if (criterion === '*' || criterion === '') return true;
  if (value === '*' || value === '') return criterion !== '-';
  return unquoteCpeComponent(criterion) === unquoteCpeComponent(value);
}
