import { hostDetailQuerySchema, hostFiltersFromBody, hostListQuerySchema, hostReportQuerySchema } from './host.schema';
import { softwareListQuerySchema } from './software.schema';

const reason = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => (r.success ? 'ok' : r.error?.issues[0]?.message);

describe('host and software query strings', () => {
  it('reads paging then filters, so the first bad part gives the reason', () => {
    expect(reason(hostListQuerySchema.safeParse({ page: 'x', status: 'foo' }))).toBe('non-int page value');
    expect(reason(hostListQuerySchema.safeParse({ page: '1', status: 'foo' }))).toBe('Invalid status: foo');
    expect(reason(softwareListQuerySchema.safeParse({ per_page: '0', team_id: 'x' }))).toBe('invalid per_page value');
    expect(reason(softwareListQuerySchema.safeParse({ team_id: 'x' }))).toBe('invalid value: x');
  });

  it('yields each part under its name; a repeated parameter keeps its last value', () => {
    expect(hostListQuerySchema.parse({ page: '2', per_page: '5', status: 'mia', label_id: ['1', '3'], query: ' web ' })).toEqual({
      list: { page: 2, perPage: 5, orderDirection: 'asc', query: 'web' },
      filters: { query: 'web', status: 'missing', teamId: undefined, labelId: 3, policyId: undefined, softwareId: undefined },
      populate: { software: 'none', policies: false, users: false, labels: false },
    });
    expect(softwareListQuerySchema.parse({ team_id: '0' })).toEqual({ list: { page: 0, perPage: 0, orderDirection: 'asc' }, team: { team_id: 0 } });
  });

  it('reads populate_* as Fleet does: Go booleans, and populate_software=without_vulnerability_details', () => {
    expect(hostListQuerySchema.parse({ populate_software: 'true', populate_policies: '1', populate_users: 'T', populate_labels: 'false' }).populate)
      .toEqual({ software: 'full', policies: true, users: true, labels: false });
    expect(hostListQuerySchema.parse({ populate_software: 'without_vulnerability_details' }).populate.software).toBe('brief');
    expect(reason(hostListQuerySchema.safeParse({ populate_users: 'yes' }))).toBe('Invalid populate_users: yes');
  });

  it('the CSV report checks format, then columns, then paging and filters', () => {
    expect(reason(hostReportQuerySchema.safeParse({ page: 'x' }))).toBe('format must be csv');
    expect(reason(hostReportQuerySchema.safeParse({ format: 'csv', columns: 'id,nope', page: 'x' }))).toBe('invalid column name: nope');
    expect(hostReportQuerySchema.parse({ format: 'csv', columns: ' id , hostname,' }).columns).toEqual(['id', 'hostname']);
    expect(hostReportQuerySchema.parse({ format: 'csv' }).columns).toContain('display_text');
  });

  it('exclude_software is true or 1', () => {
    expect(['true', '1', 'false', '0', undefined].map((v) => hostDetailQuerySchema.parse({ exclude_software: v }).excludeSoftware)).toEqual([true, true, false, false, false]);
    expect(reason(hostDetailQuerySchema.safeParse({ exclude_software: 'yes' }))).not.toBe('ok');
  });

  it('body filters follow the query-string rules', () => {
    expect(hostFiltersFromBody({ status: 'mia', label_id: 4, team_id: 0 })).toMatchObject({ ok: true, filters: { status: 'missing', labelId: 4, teamId: 0 } });
    expect(hostFiltersFromBody({ status: 'sleeping' })).toEqual({ ok: false, reason: 'Invalid status: sleeping' });
  });
});
