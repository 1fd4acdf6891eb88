/**
 * The Redis bitmap of target host ids, built in one buffer instead of one SETBIT per host: bit n is host id n,
 * MSB-first within each byte (byte n/8, bit 7 - n%8), exactly what Redis GETBIT reads (osquery-protocol.md §6.3).
 */
export function targetBitmap(hostIds: readonly number[]): Buffer {
  const max = hostIds.reduce((m, id) => Math.max(m, id), 0);
  const buf = Buffer.alloc((max >> 3) + 1);
  for (const id of hostIds) buf[id >> 3] |= 0x80 >> (id & 7);
  return buf;
}

/** Whether `hostId`'s bit is set in a bitmap read back from Redis (a host id past its end is not set). */
export function hasTarget(bitmap: Buffer, hostId: number): boolean {
  const byte = hostId >> 3;
  return byte < bitmap.length && ((bitmap[byte] ?? 0) & (0x80 >> (hostId & 7))) !== 0;
}
