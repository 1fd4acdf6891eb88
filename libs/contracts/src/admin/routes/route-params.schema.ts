import { z } from 'zod';

/** A numeric path id; anything else is 400 `invalid id: <value>`, as Fleet's router answers. */
export const idParam = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const text = String(v);
  if (!/^\d+$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: `invalid id: ${text}` });
    return z.NEVER;
  }
  return Number(text);
});

export const idParams = z.object({ id: idParam });
export const nameParams = z.object({ name: z.string() });
