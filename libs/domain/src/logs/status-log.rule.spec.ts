import { parseStatusLogLine } from './status-log.rule';

const base = {
  hostIdentifier: 'host-1', calendarTime: 'Wed Jan 29 22:17:17 2025 UTC', filename: 'scheduler.cpp',
  message: 'Executing scheduled query', version: '5.23.1', decorations: { host_uuid: 'abc', hostname: 'host-1' },
};

describe('parseStatusLogLine', () => {
  it('reads numeric fields from osquery ≥ 5.10', () => {
    expect(parseStatusLogLine({ ...base, unixTime: 1738189037, severity: 0, line: 83 })).toEqual({
      ...base, unixTime: 1738189037, severity: 0, severityName: 'info', line: 83,
    });
  });

  it('reads the same fields sent as strings by older osquery', () => {
    expect(parseStatusLogLine({ ...base, unixTime: '1738189037', severity: '2', line: '83' })).toMatchObject({
      unixTime: 1738189037, severity: 2, severityName: 'error', line: 83,
    });
  });

  it('degrades gracefully on malformed fields', () => {
    expect(parseStatusLogLine({ severity: 'loud', line: null, message: 42 })).toEqual({
      hostIdentifier: '', calendarTime: '', unixTime: undefined, severity: undefined, severityName: 'unknown',
      filename: '', line: undefined, message: '', version: '', decorations: {},
    });
    expect(parseStatusLogLine({ ...base, severity: 7 })?.severityName).toBe('unknown');
    expect(parseStatusLogLine('not an object')).toBeNull();
    expect(parseStatusLogLine(null)).toBeNull();
  });
});
