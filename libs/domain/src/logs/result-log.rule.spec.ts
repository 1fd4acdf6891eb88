import { classifyResultLogLine, parseScheduledQueryName } from './result-log.rule';

const common = {
  name: 'pack/team-3/procs', hostIdentifier: 'host-1', calendarTime: 'Tue Sep 30 17:37:30 2014 UTC',
  unixTime: 1412123850, epoch: 0, counter: 1, numerics: false,
  decorations: { host_uuid: 'F5B29579', hostname: 'host-1' },
};

describe('classifyResultLogLine', () => {
  it('recognises a differential event line', () => {
    const line = classifyResultLogLine({ ...common, columns: { name: 'osqueryd', pid: '97830' }, action: 'added' });
    expect(line).toMatchObject({
      format: 'differential_event', action: 'added', row: { name: 'osqueryd', pid: '97830' },
      name: 'pack/team-3/procs', unixTime: 1412123850, counter: 1, decorations: { hostname: 'host-1' },
    });
  });

  it('recognises a differential batch line', () => {
    const line = classifyResultLogLine({
      diffResults: { removed: [{ name: 'a', pid: '1' }], added: [{ name: 'b', pid: '2' }] }, ...common,
    });
    expect(line).toMatchObject({ format: 'differential_batch', added: [{ name: 'b', pid: '2' }], removed: [{ name: 'a', pid: '1' }] });
  });

  it('recognises snapshots, including empty ones and numerics values', () => {
    const line = classifyResultLogLine({
      snapshot: [{ class: '9', model: 'hub' }, { class: 9, present: true, extra: null }], action: 'snapshot',
      ...common, name: 'pack/Global/All USB devices', counter: 0,
    });
    expect(line).toMatchObject({
      format: 'snapshot',
      rows: [{ class: '9', model: 'hub' }, { class: '9', present: 'true', extra: '' }],
    });
    expect(classifyResultLogLine({ ...common, snapshot: [], action: 'snapshot' })).toMatchObject({ format: 'snapshot', rows: [] });
  });

  it('recognises snapshot-as-events lines', () => {
    expect(classifyResultLogLine({ ...common, columns: { a: '1' }, action: 'snapshot' })).toMatchObject({
      format: 'snapshot_event', row: { a: '1' },
    });
  });

  it('accepts string unixTime from old agents', () => {
    expect(classifyResultLogLine({ ...common, unixTime: '1412123850', snapshot: [] })).toMatchObject({ unixTime: 1412123850 });
  });

  it('rejects lines without a name, non-objects, unknown actions and unknown shapes', () => {
    expect(classifyResultLogLine({ snapshot: [] })).toEqual({ format: 'invalid', reason: 'line has no name' });
    expect(classifyResultLogLine('text').format).toBe('invalid');
    expect(classifyResultLogLine([common]).format).toBe('invalid');
    expect(classifyResultLogLine({ ...common, columns: { a: '1' }, action: 'modified' }).format).toBe('invalid');
    expect(classifyResultLogLine({ ...common })).toEqual({
      format: 'invalid', reason: 'line has neither snapshot, diffResults nor columns',
    });
  });
});

describe('parseScheduledQueryName', () => {
  it('parses global, team and legacy pack names for any one-character delimiter', () => {
    expect(parseScheduledQueryName('pack/Global/All USB devices')).toEqual({ scope: 'global', queryName: 'All USB devices' });
    expect(parseScheduledQueryName('pack_team-3_procs_by_pid')).toEqual({ scope: 'team', teamId: 3, queryName: 'procs_by_pid' });
    expect(parseScheduledQueryName('pack/it-pack/users')).toEqual({ scope: 'legacy_pack', packName: 'it-pack', queryName: 'users' });
  });

  it('returns unknown for schedule names and incomplete pack names', () => {
    expect(parseScheduledQueryName('processes')).toEqual({ scope: 'unknown' });
    expect(parseScheduledQueryName('pack/Global')).toEqual({ scope: 'unknown' });
    expect(parseScheduledQueryName('pack/Global/')).toEqual({ scope: 'unknown' });
  });
});
