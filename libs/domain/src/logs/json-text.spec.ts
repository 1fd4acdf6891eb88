import { jsonText } from './json-text';

const nestedText = (depth: number, leaf = '"x"'): string => `${'{"k":['.repeat(depth)}${leaf}${']}'.repeat(depth)}`;

describe('jsonText', () => {
  it('gives JSON.stringify\'s text for ordinary values', () => {
    const values: unknown[] = [
      null, true, 0, -1.5, 'a"b\\c\n\u2028', [], {}, [1, 'two', null, { three: [3] }],
      { a: 1, 'quoted "key"': 'v', nested: { list: [{}, [], ''], unicode: '\u00e9\ud83d\ude00' } },
    ];
    for (const v of values) expect(jsonText(v)).toBe(JSON.stringify(v));
  });

  it('writes a value nested far deeper than JSON.stringify can, unchanged', () => {
    const text = nestedText(50_000);
    const parsed: unknown = JSON.parse(text);
    expect(() => JSON.stringify(parsed)).toThrow(RangeError);
    expect(jsonText(parsed)).toBe(text);
  });

  it('keeps JSON.stringify\'s rules deep down: members without a JSON form are left out, array holes become null', () => {
    const deep = JSON.parse(nestedText(20_000, '{"keep":1}')) as Record<string, unknown>;
    let inner = deep;
    for (let i = 0; i < 20_000; i += 1) inner = (inner['k'] as unknown[])[0] as Record<string, unknown>;
    Object.assign(inner, { gone: undefined, fn: () => 1, list: [undefined, Number.NaN, 2] });
    expect(jsonText(deep)).toBe(nestedText(20_000, '{"keep":1,"list":[null,null,2]}'));
  });
});
