import { carveBeginProblem, carveBlockProblem } from './carve.rule';

describe('carveBeginProblem', () => {
  it('accepts the protocol example (3 blocks of 8 MB for 17 MB)', () => {
    expect(carveBeginProblem({ blockCount: 3, blockSize: 8_000_000, carveSize: 17_000_000 })).toBeNull();
  });

  it('rejects inconsistent or oversized carves with Fleet’s messages', () => {
    expect(carveBeginProblem({ blockCount: 1, blockSize: 10, carveSize: 0 })).toBe('carve_size must be greater than 0');
    expect(carveBeginProblem({ blockCount: 1, blockSize: 300 * 1024 * 1024, carveSize: 10 })).toBe('block_size exceeds max');
    expect(carveBeginProblem({ blockCount: 2, blockSize: 8_000_000, carveSize: 17_000_000 })).toMatch(/does not match/);
    expect(carveBeginProblem({ blockCount: 3, blockSize: 8_000_000, carveSize: 16_000_000 })).toMatch(/does not match/);
  });
});

describe('carveBlockProblem', () => {
  const base = { maxBlock: -1, blockCount: 2, blockSize: 4, dataLength: 4 };
  it('requires strictly sequential blocks within count and size', () => {
    expect(carveBlockProblem({ ...base, blockId: 0 })).toBeNull();
    expect(carveBlockProblem({ ...base, blockId: 1 })).toBe('block_id does not match expected block (0)');
    expect(carveBlockProblem({ ...base, blockId: 2, maxBlock: 1 })).toBe('block_id exceeds expected max');
    expect(carveBlockProblem({ ...base, blockId: 0, dataLength: 5 })).toBe('exceeded declared block size');
  });
});
