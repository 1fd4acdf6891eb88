import { configRequestSchema, osqueryConfigSchema } from './config.schema';

describe('config schemas', () => {
  it('accepts the request with and without the Fleet etag extension', () => {
    expect(configRequestSchema.parse({ node_key: 'k' })).toEqual({ node_key: 'k' });
    expect(configRequestSchema.parse({ node_key: 'k', etag: '' })).toEqual({ node_key: 'k', etag: '' });
    expect(configRequestSchema.safeParse({ node_key: 5 }).success).toBe(false);
  });

  it('accepts Fleet’s example config and keeps unknown top-level keys', () => {
    const config = {
      options: { logger_plugin: 'tls', pack_delimiter: '/', logger_tls_period: 10, disable_distributed: false },
      decorators: { load: ['SELECT uuid AS host_uuid FROM system_info;'] },
      packs: {
        Global: { queries: { 'All USB devices': { query: 'SELECT * FROM usb_devices;', interval: 3600, platform: '', version: '', snapshot: true } } },
        'team-3': { queries: { procs: { query: 'SELECT name, pid FROM processes;', interval: 300, platform: 'darwin,linux', version: '', removed: true } } },
        external: '/etc/osquery/packs/it.conf',
      },
      file_paths: { etc: ['/etc/%%'] },
    };
    const parsed = osqueryConfigSchema.parse(config);
    expect(parsed['file_paths']).toEqual({ etc: ['/etc/%%'] });
    expect(osqueryConfigSchema.safeParse({ packs: { p: { queries: { q: { query: 'x', interval: -1 } } } } }).success).toBe(false);
  });
});
