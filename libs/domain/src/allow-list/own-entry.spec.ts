import { ownEntry } from './own-entry';

describe('ownEntry', () => {
  const ORDER: Readonly<Record<string, string>> = { name: 'p.name', created_at: 'p.created_at' };

  it('finds the allow-list’s own entries', () => {
    expect(ownEntry(ORDER, 'name')).toBe('p.name');
    expect(ownEntry(ORDER, 'created_at')).toBe('p.created_at');
  });

  it('finds nothing for keys of Object.prototype, unknown keys or no key', () => {
    for (const key of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'nope', undefined]) {
      expect(ownEntry(ORDER, key)).toBeUndefined();
    }
  });
});
