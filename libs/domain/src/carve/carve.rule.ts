/** Fleet's limits for a carve announced by carve/begin. */
export const MAX_CARVE_BLOCK_SIZE = 256 * 1024 * 1024;
export const MAX_CARVE_SIZE = 8 * 1024 * 1024 * 1024;

export interface CarveBeginFacts {
  readonly blockCount: number;
  readonly blockSize: number;
  readonly carveSize: number;
}

/**
 * Returns why a carve/begin is unacceptable (Fleet's messages), or null when it is consistent:
 * `(block_count - 1) × block_size < carve_size ≤ block_count × block_size`.
 */
export function carveBeginProblem(carve: CarveBeginFacts): string | null {
  if (carve.carveSize <= 0) return 'carve_size must be greater than 0';
  if (carve.blockSize > MAX_CARVE_BLOCK_SIZE) return 'block_size exceeds max';
  if (carve.carveSize > MAX_CARVE_SIZE) return 'carve_size exceeds max';
  const lower = (carve.blockCount - 1) * carve.blockSize;
  const upper = carve.blockCount * carve.blockSize;
  if (!(lower < carve.carveSize && carve.carveSize <= upper)) {
    return 'carve_size does not match block_size and block_count';
  }
  return null;
}

export interface CarveBlockFacts {
  readonly blockId: number;
  /** Highest block stored so far; -1 before the first block. */
  readonly maxBlock: number;
  readonly blockCount: number;
  readonly blockSize: number;
  readonly dataLength: number;
}

/** Blocks must arrive strictly in order, inside the announced count and size; null when acceptable. */
export function carveBlockProblem(block: CarveBlockFacts): string | null {
  if (block.blockId !== block.maxBlock + 1) return `block_id does not match expected block (${block.maxBlock + 1})`;
  if (block.blockId > block.blockCount - 1) return 'block_id exceeds expected max';
  if (block.dataLength > block.blockSize) return 'exceeded declared block size';
  return null;
}
