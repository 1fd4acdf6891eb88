import { queryReportSettings, reportInvalidatedBy } from './query-report.rule';
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

describe('queryReportSettings', () => {
  it("takes Fleet's defaults for what is absent or unreadable", () => {
    expect(queryReportSettings({})).toEqual({ disabled: false, cap: 1000, maxAgeMs: 0 });
    expect(queryReportSettings({ server_settings: { query_report_cap: 0, query_report_max_age: 'soon' } })).toEqual({ disabled: false, cap: 1000, maxAgeMs: 0 });
    expect(queryReportSettings({ server_settings: { query_report_cap: 1.5 } }).cap).toBe(1000);
  });

  it('reads the cap (up to 10 M), the switch and the age', () => {
    expect(queryReportSettings({ server_settings: { query_report_cap: 1_000_000, query_reports_disabled: true, query_report_max_age: '30d' } }))
      .toEqual({ disabled: true, cap: 1_000_000, maxAgeMs: 30 * 86_400_000 });
    expect(queryReportSettings({ server_settings: { query_report_cap: 1e9 } }).cap).toBe(10_000_000);
    expect(queryReportSettings({ server_settings: { query_report_max_age: 3600 } }).maxAgeMs).toBe(3_600_000);
    expect(queryReportSettings({ server_settings: { query_report_max_age: '1h30m' } }).maxAgeMs).toBe(5_400_000);
  });
});
