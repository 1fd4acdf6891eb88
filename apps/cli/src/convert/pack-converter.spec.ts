import { convertPack, convertPlatforms } from './pack-converter';

describe('fleetctl convert', () => {
  it("maps osquery's platform groupings to Fleet platforms, sorted and de-duplicated", () => {
    expect(convertPlatforms('posix')).toBe('darwin,linux');
    expect(convertPlatforms('windows,posix,linux')).toBe('darwin,linux,windows');
    expect(convertPlatforms('any')).toBe('');
    expect(convertPlatforms('')).toBe('');
    expect(() => convertPlatforms('beos')).toThrow('unsupported platform: beos');
  });

  it('turns every pack query into a query spec named after its key, sorted by name', () => {
    const pack = JSON.stringify({
      platform: 'linux',
      queries: {
        users: { query: 'SELECT * FROM users;', interval: '3600', platform: 'posix', version: '4.5.0', description: 'All users', snapshot: true },
        kernel: { query: 'SELECT * FROM kernel_info;', interval: 60 },
      },
    });
    expect(convertPack(pack)).toEqual([
      { name: 'kernel', description: '', query: 'SELECT * FROM kernel_info;', team: '', interval: 60, observer_can_run: false, platform: '',
        min_osquery_version: '', automations_enabled: false, logging: 'snapshot', discard_data: false },
      { name: 'users', description: 'All users', query: 'SELECT * FROM users;', team: '', interval: 3600, observer_can_run: false, platform: 'darwin,linux',
        min_osquery_version: '4.5.0', automations_enabled: false, logging: 'snapshot', discard_data: false },
    ]);
  });

  it('reads the backslash-newline line continuations osquery accepts inside strings', () => {
    const text = '{"queries": {"k": {"query": "SELECT * \\\nFROM kernel_info;", "interval": 10}}}';
    expect(convertPack(text)[0]?.query).toBe('SELECT *\nFROM kernel_info;');
  });

  it('says what is wrong with a file that is not a pack', () => {
    expect(() => convertPack('not json')).toThrow(/^not an osquery pack: /);
    expect(() => convertPack('{"packs": {}}')).toThrow('not an osquery pack: no "queries" object');
    expect(() => convertPack('{"queries": {"x": {"interval": 5}}}')).toThrow('query "x": "query" must be a non-empty string');
    expect(() => convertPack('{"queries": {"x": {"query": "SELECT 1", "interval": "often"}}}')).toThrow('query "x": interval must be a non-negative integer, got "often"');
  });
});
