import { nextReadCount } from './campaign-stream.reader';

describe('nextReadCount', () => {
  it('reads 500 entries at a time without a byte bound', () => {
    expect(nextReadCount(500, 10 * 1024 * 1024, undefined)).toBe(500);
  });

  it('grows at most twofold per read, up to 500, while entries are small', () => {
    expect(nextReadCount(1, 100, 1024 * 1024)).toBe(2);
    expect(nextReadCount(200, 100, 1024 * 1024)).toBe(256);
    expect(nextReadCount(400, 100, 4 * 1024 * 1024)).toBe(500);
  });

  it('asks for only as many entries as fit the bound at the largest entry seen, and at least one', () => {
    expect(nextReadCount(64, 64 * 1024, 1024 * 1024)).toBe(16);
    expect(nextReadCount(16, 3 * 1024 * 1024, 1024 * 1024)).toBe(1);
  });
});
