import { reportInvalidatedBy } from './query-report.rule';
import type { QueryFields } from './saved-query.types';

const q: QueryFields = {
  name: 'q', description: '', query: 'SELECT 1', observerCanRun: false, interval: 60, platform: '', minOsqueryVersion: '',
  automationsEnabled: false, logging: 'snapshot', discardData: false,
};

describe('reportInvalidatedBy', () => {
  it('drops the report when the SQL changes, not when it is sent unchanged', () => {
    expect(reportInvalidatedBy(q, { query: 'SELECT 2' })).toBe(true);
    expect(reportInvalidatedBy(q, { query: 'SELECT 1' })).toBe(false);
  });

  it('drops it when discard_data turns on, not when it stays on or turns off', () => {
    expect(reportInvalidatedBy(q, { discardData: true })).toBe(true);
    expect(reportInvalidatedBy({ ...q, discardData: true }, { discardData: true })).toBe(false);
    expect(reportInvalidatedBy({ ...q, discardData: true }, { discardData: false })).toBe(false);
  });

  it('drops it when logging leaves snapshot, not when it comes back to snapshot', () => {
    expect(reportInvalidatedBy(q, { logging: 'differential' })).toBe(true);
    expect(reportInvalidatedBy(q, { logging: 'snapshot' })).toBe(false);
    expect(reportInvalidatedBy({ ...q, logging: 'differential' }, { logging: 'snapshot' })).toBe(false);
  });

  it('keeps it for schedule and description changes', () => {
    expect(reportInvalidatedBy(q, { interval: 300, description: 'd', name: 'r', platform: 'linux' })).toBe(false);
  });
});
