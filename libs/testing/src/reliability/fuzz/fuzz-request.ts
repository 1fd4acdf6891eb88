import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';

/** One generated HTTP request, kept small in reports (`describe`) since bodies may be megabytes. */
export interface FuzzRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** How the body was made (e.g. `valid shape, field node_key → array`), for the report. */
  readonly recipe: string;
}

/** A short, printable form of a request for a counterexample: method, path, headers, recipe and the body's start. */
export function describeRequest(r: FuzzRequest, bodyChars = 400): Record<string, unknown> {
  const body = r.body ? (r.headers['content-encoding'] ? `<${r.headers['content-encoding']} ${r.body.length} bytes>` : r.body.subarray(0, bodyChars).toString('utf8')) : undefined;
  return { method: r.method, path: r.path.slice(0, 300), headers: r.headers, recipe: r.recipe, bodyBytes: r.body?.length ?? 0, body };
}

/** JSON values of every type, small. */
export const anyJson = (): fc.Arbitrary<unknown> => fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string(), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));

/** Strings that servers get wrong: empty, control characters, NUL, long, SQL, paths, unicode, numbers in odd forms. */
export const nastyString = (): fc.Arbitrary<string> => fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u0000', '\\', '"', "'", '%', '%00', '../../etc/passwd', "' OR 1=1 -- ", '1; DROP TABLE hosts', '${jndi:x}', '<script>',
    '\uD800', '\uFFFF', '😀'.repeat(50), 'NaN', 'Infinity', '-0', '1e309', '99999999999999999999', '0x10', 'true', 'null', '__proto__', 'constructor'),
  fc.integer({ min: 256, max: 70_000 }).map((n) => 'x'.repeat(n)),
);

/** A nested value `depth` levels deep, as JSON text (arrays or objects), built without recursion. */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export type Mutation = { readonly kind: string; apply(body: Record<string, unknown>): Record<string, unknown> | string };

/**
 * Valid-shaped mutations of a JSON object: one field removed, replaced by a value of another type, by a huge or
 * deeply nested value, by a prototype key, or the whole object with many extra keys. Deep values are spliced in
 * as text, so nesting far beyond what JSON.stringify can write still reaches the server.
 */
export function mutation(fields: readonly string[]): fc.Arbitrary<Mutation> {
  const field = fc.constantFrom(...fields);
  const DEEP = '"__DEEP__"';
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<Mutation>({ kind: 'unchanged', apply: (b) => b }) },
    { weight: 2, arbitrary: field.map<Mutation>((f) => ({ kind: `drop ${f}`, apply: (b) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== f)) })) },
    { weight: 4, arbitrary: fc.tuple(field, anyJson()).map<Mutation>(([f, v]) => ({ kind: `${f} → ${JSON.stringify(v).slice(0, 40)}`, apply: (b) => ({ ...b, [f]: v }) })) },
    { weight: 2, arbitrary: fc.tuple(field, nastyString()).map<Mutation>(([f, v]) => ({ kind: `${f} → nasty string (${v.length} chars)`, apply: (b) => ({ ...b, [f]: v }) })) },
    { weight: 1, arbitrary: fc.tuple(field, fc.integer({ min: 100, max: 30_000 }), fc.constantFrom<'array' | 'object'>('array', 'object')).map<Mutation>(([f, d, k]) => ({
      kind: `${f} → ${k} nested ${d} deep`, apply: (b) => JSON.stringify({ ...b, [f]: '__DEEP__' }).replace(DEEP, deepJson(d, k)),
    })) },
    { weight: 1, arbitrary: fc.tuple(field, fc.integer({ min: 1000, max: 20_000 })).map<Mutation>(([f, n]) => ({
      kind: `${f} → object with ${n} keys`, apply: (b) => ({ ...b, [f]: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])) }),
    })) },
    { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 1_500_000 }).map<Mutation>((n) => ({
      kind: `extra field of ${n} bytes`, apply: (b) => ({ ...b, padding: 'p'.repeat(n) }),
    })) },
    { weight: 1, arbitrary: fc.constant<Mutation>({ kind: '__proto__ and constructor keys', apply: (b) => `{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},${JSON.stringify(b).slice(1)}` }) },
  );
}

/** How a JSON text goes on the wire: plain, gzip, deflate, a gzip that lies, a gzip bomb, or not JSON at all. */
export type Encoding = 'plain' | 'gzip' | 'deflate' | 'corrupt-gzip' | 'gzip-bomb' | 'truncated' | 'form';

export const encodingArb: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Encoding>('plain') },
  { weight: 3, arbitrary: fc.constant<Encoding>('gzip') },
  { weight: 1, arbitrary: fc.constantFrom<Encoding>('deflate', 'corrupt-gzip', 'gzip-bomb', 'truncated', 'form') },
);

/** A gzip of a few MiB of zeros, made once: tiny on the wire, big after decompression. */
let bomb: Buffer | undefined;

export function encode(json: string, encoding: Encoding): { body: Buffer; headers: Record<string, string> } {
  const text = Buffer.from(json);
  const ct = { 'content-type': 'application/json' };
  switch (encoding) {
    case 'plain':
      return { body: text, headers: ct };
    case 'gzip':
      return { body: gzipSync(text), headers: { ...ct, 'content-encoding': 'gzip' } };
    case 'deflate':
      return { body: deflateSync(text), headers: { ...ct, 'content-encoding': 'deflate' } };
    case 'corrupt-gzip': {
      const z = gzipSync(text);
      z[Math.floor(z.length / 2)] ^= 0xff;
      return { body: z, headers: { ...ct, 'content-encoding': 'gzip' } };
    }
    case 'gzip-bomb':
      bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024));
      return { body: bomb, headers: { ...ct, 'content-encoding': 'gzip' } };
    case 'truncated':
      return { body: text.subarray(0, Math.max(0, Math.floor(text.length / 2))), headers: ct };
    case 'form':
      return { body: text, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
}
