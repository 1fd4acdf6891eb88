import fc from 'fast-check';
import { JsonPoisoningError, JsonTooDeepError, parseJsonInSlices } from './sliced-json';

/** Tiny pieces, so that nearly every container is assembled by the slicer rather than by JSON.parse. */
const tiny = { wholeBytes: 8, pieceBytes: 8, sliceMs: 1, maxDepth: 1000 };

/** Texts without the keys whose refusal is deliberate (prototype poisoning, as Fastify's parser refuses it). */
const unpoisoned = (text: string): boolean => !/"(?:__proto__|constructor)"/.test(text);

const outcome = async (parse: () => unknown): Promise<{ ok: true; value: unknown } | { ok: false }> => {
  try {
    return { ok: true, value: await parse() };
  } catch {
    return { ok: false };
  }
};

describe('parseJsonInSlices', () => {
  it('gives what JSON.parse gives for any JSON text, however it is cut into pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }).filter((v) => unpoisoned(JSON.stringify(v))), fc.integer({ min: 1, max: 64 }), fc.boolean(), async (value, pieceBytes, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(await parseJsonInSlices(text, { ...tiny, wholeBytes: pieceBytes, pieceBytes })).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses exactly the texts JSON.parse refuses, and agrees on the others', async () => {
    const mutated = fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.nat(), fc.constantFrom('', ',', ':', '"', '[', ']', '{', '}', ' ', '0', '-', '.', 'e', '\\', 'tru', 'nul', '\u0001', '\ufeff'), fc.nat({ max: 3 }))
      .map(([value, at, insert, remove]) => {
        const text = JSON.stringify(value);
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + remove);
      })
      .filter(unpoisoned);
    await fc.assert(
      fc.asyncProperty(mutated, fc.integer({ min: 1, max: 64 }), async (text, pieceBytes) => {
        const native = await outcome(() => JSON.parse(text) as unknown);
        const sliced = await outcome(() => parseJsonInSlices(text, { ...tiny, wholeBytes: 4, pieceBytes }));
        expect(sliced).toEqual(native);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses prototype poisoning, in a piece parsed natively and in a container it assembles', async () => {
    for (const pieceBytes of [8, 1 << 20]) {
      const options = { ...tiny, wholeBytes: pieceBytes, pieceBytes };
      await expect(parseJsonInSlices('{"a":[1,2,3],"__proto__":{"x":1}}', options)).rejects.toThrow(JsonPoisoningError);
      await expect(parseJsonInSlices('{"a":[1,2,3],"b":{"\\u005f_proto__":{"x":1}}}', options)).rejects.toThrow(JsonPoisoningError);
      await expect(parseJsonInSlices('{"a":[1,2,3],"constructor":{"prototype":{"x":1}}}', options)).rejects.toThrow(JsonPoisoningError);
      expect(await parseJsonInSlices('{"a":[1,2,3],"constructor":"fine","proto":1}', options)).toEqual({ a: [1, 2, 3], constructor: 'fine', proto: 1 });
    }
  });

  it('refuses nesting deeper than maxDepth and takes nesting up to it, whether the text is sliced or not', async () => {
    const nested = (depth: number): string => `["x]",${'{"[":'.repeat(depth - 2)}["{"]${'}'.repeat(depth - 2)}]`;
    // Natively parsed whole, assembled level by level, and looked ahead and parsed natively as one piece.
    for (const sizes of [{ wholeBytes: 1 << 20, pieceBytes: 8 }, { wholeBytes: 8, pieceBytes: 8 }, { wholeBytes: 8, pieceBytes: 1 << 20 }]) {
      await expect(parseJsonInSlices(nested(1001), { ...tiny, ...sizes })).rejects.toThrow(JsonTooDeepError);
      expect(await parseJsonInSlices(nested(1000), { ...tiny, ...sizes })).toEqual(JSON.parse(nested(1000)));
    }
  });

  it('gives the event loop back while it parses a large, object-dense body', async () => {
    const text = `[${'{},'.repeat(300_000)}{}]`;
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    const value = await parseJsonInSlices(text, { wholeBytes: 4096, pieceBytes: 4096, sliceMs: 5, maxDepth: 100 });
    clearInterval(ticker);
    expect(value).toHaveLength(300_001);
    expect(turns).toBeGreaterThan(3);
  });
});
