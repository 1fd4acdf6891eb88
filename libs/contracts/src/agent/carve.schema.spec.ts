import { carveBeginRequestSchema, carveBeginResponseSchema, carveBlockRequestSchema } from './carve.schema';

describe('carve schemas', () => {
  it('accepts osquery’s begin body', () => {
    const body = {
      block_count: 3, block_size: 8000000, carve_size: 17000000,
      carve_id: '9d5f2c41-0000-4000-8000-000000000001', request_id: '7b0e1f3a-0000-4000-8000-000000000002',
      node_key: 'y7LJ0bXX',
    };
    expect(carveBeginRequestSchema.parse(body)).toEqual(body);
    expect(carveBeginRequestSchema.safeParse({ ...body, block_count: -1 }).success).toBe(false);
    expect(carveBeginRequestSchema.safeParse({ ...body, carve_id: '' }).success).toBe(false);
  });

  it('accepts a block without node_key, including an empty block', () => {
    const block = { block_id: 0, session_id: 's-1', request_id: 'r-1', data: 'aGVsbG8gd29ybGQ=' };
    expect(carveBlockRequestSchema.parse(block)).toEqual(block);
    expect(carveBlockRequestSchema.safeParse({ ...block, data: '' }).success).toBe(true);
  });

  it('rejects invalid base64 and oversize ids', () => {
    const block = { block_id: 0, session_id: 's-1', request_id: 'r-1', data: 'aGVsbG8' };
    expect(carveBlockRequestSchema.safeParse(block).success).toBe(false);
    expect(carveBlockRequestSchema.safeParse({ ...block, data: 'not base64!' }).success).toBe(false);
    expect(carveBlockRequestSchema.safeParse({ ...block, data: '', request_id: 'x'.repeat(65) }).success).toBe(false);
  });

  it('requires a session id in the begin response', () => {
    expect(carveBeginResponseSchema.safeParse({ session_id: 'abc', success: true }).success).toBe(true);
    expect(carveBeginResponseSchema.safeParse({ success: true }).success).toBe(false);
  });
});
