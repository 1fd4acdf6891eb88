import { diskSpaceUnixQuery, diskSpaceWindowsQuery } from './disk-space.detail-query';

const patchOf = (r: ReturnType<typeof diskSpaceUnixQuery.ingest>): unknown => (r.kind === 'vitals' ? r.patch : null);

describe('disk_space_unix', () => {
  it('computes from raw mount blocks (decimal gigabytes, two decimals)', () => {
    // 4096-byte blocks: 122070312 blocks ≈ 500 GB total, 30517578 free ≈ 125 GB (25 %).
    const result = diskSpaceUnixQuery.ingest([{ blocks: '122070312', blocks_available: '30517578', blocks_size: '4096' }]);
    expect(patchOf(result)).toEqual({
      gigs_disk_space_available: 125,
      gigs_total_disk_space: 500,
      percent_disk_space_available: 25,
    });
  });

  it('accepts Fleet-style precomputed columns from simulators', () => {
    const result = diskSpaceUnixQuery.ingest([
      { percent_disk_space_available: '56', gigs_disk_space_available: '277.14', gigs_total_disk_space: '494.38' },
    ]);
    expect(patchOf(result)).toEqual({
      gigs_disk_space_available: 277.14,
      gigs_total_disk_space: 494.38,
      percent_disk_space_available: 56,
    });
  });

  it('rejects inconsistent sizes (free > total, zero blocks, percent > 100)', () => {
    expect(patchOf(diskSpaceUnixQuery.ingest([{ blocks: '10', blocks_available: '20', blocks_size: '4096' }]))).toEqual({});
    expect(patchOf(diskSpaceUnixQuery.ingest([{ blocks: '0', blocks_available: '0', blocks_size: '4096' }]))).toEqual({});
    const bad = diskSpaceUnixQuery.ingest([
      { percent_disk_space_available: '150', gigs_disk_space_available: '1', gigs_total_disk_space: '2' },
    ]);
    expect(patchOf(bad)).toEqual({});
    expect(bad.problems[0]?.reason).toMatch(/inconsistent/);
  });
});

describe('disk_space_windows', () => {
  it('uses the boot partition among NTFS drives', () => {
    const result = diskSpaceWindowsQuery.ingest([
      { device_id: 'D:', boot_partition: '0', free_space: '900000000000', size: '1000000000000' },
      { device_id: 'C:', boot_partition: '1', free_space: '50000000000', size: '200000000000' },
    ]);
    expect(patchOf(result)).toEqual({
      gigs_disk_space_available: 50,
      gigs_total_disk_space: 200,
      percent_disk_space_available: 25,
    });
  });

  it('falls back to C: when no drive is flagged as boot partition', () => {
    const result = diskSpaceWindowsQuery.ingest([
      { device_id: 'E:', boot_partition: '0', free_space: '1', size: '2' },
      { device_id: 'C:', boot_partition: '0', free_space: '333000000', size: '999000000' },
    ]);
    expect(patchOf(result)).toMatchObject({ gigs_total_disk_space: 1, percent_disk_space_available: 33.33 });
  });
});
