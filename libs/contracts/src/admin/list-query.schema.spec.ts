import { listQuerySchema, optionalIntParam } from './list-query.schema';

const issue = (q: Record<string, string>): string | undefined => {
  const r = listQuerySchema.safeParse(q);
  return r.success ? undefined : r.error.issues[0]?.message;
};

describe('listQuerySchema', () => {
  it("parses Fleet's paging", () => {
    expect(listQuerySchema.parse({ page: '2', per_page: '50' })).toMatchObject({ page: 2, perPage: 50 });
    expect(listQuerySchema.parse({ page: '1' })).toMatchObject({ page: 1, perPage: 20 });
    expect(listQuerySchema.parse({ per_page: String(Number.MAX_SAFE_INTEGER) })).toMatchObject({ page: 0, perPage: Number.MAX_SAFE_INTEGER });
  });

  // Found by the reliability fuzzer: a 20-digit number became 18446744073709552000 in SQL and the list answered 500.
  it('answers 400 for numbers past what SQL gets exactly, instead of a 500', () => {
    expect(issue({ per_page: '18446744073709550592' })).toBe('non-int per_page value');
    expect(issue({ page: '99999999999999999999', per_page: '10' })).toBe('non-int page value');
    expect(issue({ page: '1000000000000', per_page: '1000000000000' })).toBe('non-int page value');
  });

  // Found by the reliability fuzzer: GET /os_versions/1?max_vulnerabilities=18446744073709550592 answered 500.
  it('refuses an integer parameter past 2^53 (team_id, max_vulnerabilities…) like any other bad value', () => {
    expect(optionalIntParam.parse('3')).toBe(3);
    expect(optionalIntParam.parse(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(optionalIntParam.parse(undefined)).toBeUndefined();
    for (const v of ['18446744073709550592', '9007199254740992', 'x1', '-1']) {
      const r = optionalIntParam.safeParse(v);
      expect([v, r.success ? 'parsed' : r.error.issues[0]?.message]).toEqual([v, `invalid value: ${v}`]);
    }
  });
});
