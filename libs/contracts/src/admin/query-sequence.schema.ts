import { z } from 'zod';

/** A query-string schema: an object, or an object piped into a transform (the usual shape of Fleet's filters). */
type QueryPart = z.ZodObject | z.ZodPipe<z.ZodObject, z.ZodType>;

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The innermost input of a field (before its transforms), which accepts whatever the field's own schema reads. */
function untransformed(s: z.ZodType): z.ZodType {
  return s instanceof z.ZodPipe ? untransformed(s.in as z.ZodType) : s;
}

function shapeOf(part: QueryPart): Record<string, z.ZodType> {
  const obj = part instanceof z.ZodPipe ? part.in : part;
  return Object.fromEntries(Object.entries(obj.shape).map(([k, v]) => [k, untransformed(v as z.ZodType)]));
}

/**
 * One query string read by several schemas in turn (a list's paging, then its filters): the first part that
 * fails gives the 400 reason, as when a handler parsed them one after the other. The parsed value holds each
 * part's result under its name; the accepted parameters are all the parts' (for clients and the OpenAPI
 * document).
 */
export function querySequence<const S extends Record<string, QueryPart>>(parts: S): z.ZodType<{ [K in keyof S]: z.output<S[K]> }, Intersection<{ [K in keyof S]: z.input<S[K]> }[keyof S]>> {
  const shape = Object.assign({}, ...Object.values(parts).map(shapeOf)) as Record<string, z.ZodType>;
  return z.object(shape).transform((q, ctx) => {
    const out: Record<string, unknown> = {};
    for (const [name, part] of Object.entries(parts)) {
      const r = part.safeParse(q);
      if (!r.success) {
        ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? 'Bad request' });
        return z.NEVER;
      }
      out[name] = r.data;
    }
    return out;
  }) as unknown as z.ZodType<{ [K in keyof S]: z.output<S[K]> }, Intersection<{ [K in keyof S]: z.input<S[K]> }[keyof S]>>;
}
