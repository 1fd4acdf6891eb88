/**
 * A bzip2 decoder, for the OVAL feeds Canonical and Red Hat publish only as `.bz2` (Node's zlib has no
 * bzip2). It follows the format as the reference implementation writes it: a `BZh1`…`BZh9` header, blocks
 * of Huffman-coded, move-to-front and run-length (RUNA/RUNB) symbols over a Burrows–Wheeler transform, a
 * final run-length step, and a CRC per block and per stream; concatenated streams are decoded in turn.
 */
export class Bzip2Error extends Error {
  override readonly name = 'Bzip2Error';
}

const BLOCK_MAGIC_HI = 0x314159;
const BLOCK_MAGIC_LO = 0x265359;
const END_MAGIC_HI = 0x177245;
const END_MAGIC_LO = 0x385090;
const MAX_GROUPS = 6;
const GROUP_SIZE = 50;
const MAX_CODE_LEN = 20;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();

class BitReader {
  private pos = 0;
  private buf = 0;
  private count = 0;

  constructor(private readonly data: Uint8Array) {}

  /** The next `n` bits (n <= 24), most significant first. */
  bits(n: number): number {
    while (this.count < n) {
      if (this.pos >= this.data.length) throw new Bzip2Error('unexpected end of data');
      this.buf = ((this.buf << 8) | (this.data[this.pos++])) >>> 0;
      this.count += 8;
    }
    this.count -= n;
    const v = (this.buf >>> this.count) & ((1 << n) - 1);
    this.buf &= (1 << this.count) - 1;
    return v;
  }

  bit(): number {
    return this.bits(1);
  }

  bits32(): number {
    return ((this.bits(16) << 16) | this.bits(16)) >>> 0;
  }

  /** Skips to the next byte; true when bytes remain. */
  alignHasMore(): boolean {
    this.count = 0;
    this.buf = 0;
    return this.pos < this.data.length;
  }
}

/** Output bytes in 1 MiB chunks (a block can expand far past its size through the run-length step). */
class ByteSink {
  private readonly chunks: Uint8Array[] = [];
  private cur = new Uint8Array(1 << 20);
  private at = 0;

  push(b: number): void {
    if (this.at === this.cur.length) {
      this.chunks.push(this.cur);
      this.cur = new Uint8Array(1 << 20);
      this.at = 0;
    }
    this.cur[this.at++] = b;
  }

  result(): Uint8Array {
    const total = this.chunks.length * (1 << 20) + this.at;
    const out = new Uint8Array(total);
    let o = 0;
    for (const c of this.chunks) { out.set(c, o); o += c.length; }
    out.set(this.cur.subarray(0, this.at), o);
    return out;
  }
}

/** Canonical Huffman decoding tables of one group. */
interface Table { limit: Int32Array; base: Int32Array; perm: Int32Array; minLen: number; maxLen: number }

function makeTable(lengths: Uint8Array, alphaSize: number): Table {
  let minLen = 32;
  let maxLen = 0;
  for (let i = 0; i < alphaSize; i++) {
    const l = lengths[i];
    if (l > maxLen) maxLen = l;
    if (l < minLen) minLen = l;
  }
  const perm = new Int32Array(alphaSize);
  let pp = 0;
  for (let len = minLen; len <= maxLen; len++) for (let s = 0; s < alphaSize; s++) if (lengths[s] === len) perm[pp++] = s;
  const limit = new Int32Array(MAX_CODE_LEN + 2).fill(-1);
  const base = new Int32Array(MAX_CODE_LEN + 2);
  const count = new Int32Array(MAX_CODE_LEN + 2);
  for (let s = 0; s < alphaSize; s++) count[lengths[s]]++;
  let code = 0;
  let index = 0;
  for (let len = minLen; len <= maxLen; len++) {
    const n = count[len];
    base[len] = index - code;
    code += n;
    index += n;
    limit[len] = code - 1;
    code <<= 1;
  }
  return { limit, base, perm, minLen, maxLen };
}

function decodeSymbol(r: BitReader, t: Table): number {
  let len = t.minLen;
  let code = r.bits(len);
  for (;;) {
    if (len > t.maxLen) throw new Bzip2Error('bad Huffman code');
    if (code <= (t.limit[len])) return t.perm[code + (t.base[len])];
    code = (code << 1) | r.bit();
    len++;
  }
}

/** Decodes one block into `out` (appending), returning the block's CRC as computed. */
function decodeBlock(r: BitReader, blockMax: number, out: ByteSink): number {
  const storedCrc = r.bits32();
  if (r.bit()) throw new Bzip2Error('randomised blocks are not supported');
  const origPtr = r.bits(24);
  const used = r.bits(16);
  const seqToUnseq: number[] = [];
  for (let i = 0; i < 16; i++) {
    if (!(used & (0x8000 >> i))) continue;
    const bits = r.bits(16);
    for (let j = 0; j < 16; j++) if (bits & (0x8000 >> j)) seqToUnseq.push(i * 16 + j);
  }
  if (seqToUnseq.length === 0) throw new Bzip2Error('empty symbol map');
  const alphaSize = seqToUnseq.length + 2;
  const groups = r.bits(3);
  if (groups < 2 || groups > MAX_GROUPS) throw new Bzip2Error('bad number of Huffman groups');
  const selectorsCount = r.bits(15);
  if (selectorsCount === 0) throw new Bzip2Error('no selectors');
  const mtfGroups = Array.from({ length: groups }, (_, i) => i);
  const selectors = new Uint8Array(selectorsCount);
  for (let i = 0; i < selectorsCount; i++) {
    let j = 0;
    while (r.bit()) {
      j++;
      if (j >= groups) throw new Bzip2Error('bad selector');
    }
    const v = mtfGroups[j];
    mtfGroups.splice(j, 1);
    mtfGroups.unshift(v);
    selectors[i] = v;
  }
  const tables: Table[] = [];
  for (let g = 0; g < groups; g++) {
    const lengths = new Uint8Array(alphaSize);
    let len = r.bits(5);
    for (let s = 0; s < alphaSize; s++) {
      for (;;) {
        if (len < 1 || len > MAX_CODE_LEN) throw new Bzip2Error('bad code length');
        if (!r.bit()) break;
        len += r.bit() ? -1 : 1;
      }
      lengths[s] = len;
    }
    tables.push(makeTable(lengths, alphaSize));
  }

  // Symbols → MTF indices with RUNA/RUNB runs → bytes (pre-BWT), with byte counts for the inverse transform.
  const mtf = Uint8Array.from({ length: 256 }, (_, i) => i);
  const tt = new Uint32Array(blockMax);
  const counts = new Int32Array(256);
  let n = 0;
  let runLength = 0;
  let runWeight = 1;
  let groupPos = 0;
  let selIndex = 0;
  let table = tables[selectors[0]];
  const eob = alphaSize - 1;
  const flushRun = (): void => {
    if (runLength === 0) return;
    const b = seqToUnseq[mtf[0]];
    if (n + runLength > blockMax) throw new Bzip2Error('block too large');
    counts[b] += runLength;
    for (let k = 0; k < runLength; k++) tt[n++] = b;
    runLength = 0;
    runWeight = 1;
  };
  for (;;) {
    if (groupPos === GROUP_SIZE) {
      groupPos = 0;
      selIndex++;
      if (selIndex >= selectorsCount) throw new Bzip2Error('ran out of selectors');
      table = tables[selectors[selIndex]];
    }
    groupPos++;
    const sym = decodeSymbol(r, table);
    if (sym <= 1) {
      runLength += (sym + 1) * runWeight;
      runWeight *= 2;
      continue;
    }
    flushRun();
    if (sym === eob) break;
    const idx = sym - 1;
    const v = mtf[idx];
    mtf.copyWithin(1, 0, idx);
    mtf[0] = v;
    const b = seqToUnseq[v];
    if (n >= blockMax) throw new Bzip2Error('block too large');
    counts[b]++;
    tt[n++] = b;
  }
  if (origPtr >= n) throw new Bzip2Error('bad BWT origin');

  // Inverse BWT: entry i keeps its byte in the low 8 bits; the high bits of the entry each byte sorts to get i.
  const next = new Int32Array(256);
  for (let i = 0, sum = 0; i < 256; i++) {
    next[i] = sum;
    sum += counts[i];
  }
  for (let i = 0; i < n; i++) {
    const b = (tt[i]) & 0xff;
    const j = next[b];
    tt[j] = ((tt[j]) | (i << 8)) >>> 0;
    next[b] = j + 1;
  }
  // Walk the chain from origPtr, undoing the first run-length step (4 equal bytes, then a count) with the CRC.
  let crc = 0xffffffff;
  const emit = (b: number): void => {
    out.push(b);
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ b) & 0xff])) >>> 0;
  };
  let pos = (tt[origPtr]) >>> 8;
  let last = -1;
  let same = 0;
  for (let i = 0; i < n; i++) {
    const entry = tt[pos];
    const b = entry & 0xff;
    pos = entry >>> 8;
    if (same === 4) {
      for (let k = 0; k < b; k++) emit(last);
      same = 0;
      last = -1;
      continue;
    }
    emit(b);
    if (b === last) same++;
    else {
      last = b;
      same = 1;
    }
  }
  crc = ~crc >>> 0;
  if (crc !== storedCrc) throw new Bzip2Error('block CRC mismatch');
  return crc;
}

/** Decompresses a bzip2 file (one or more concatenated streams). */
export function bunzip2(data: Uint8Array): Uint8Array {
  const r = new BitReader(data);
  const out = new ByteSink();
  let streams = 0;
  for (;;) {
    if (r.bits(8) !== 0x42 || r.bits(8) !== 0x5a || r.bits(8) !== 0x68) {
      if (streams > 0) break;
      throw new Bzip2Error('not a bzip2 stream');
    }
    const level = r.bits(8) - 0x30;
    if (level < 1 || level > 9) throw new Bzip2Error('bad block size');
    const blockMax = level * 100_000;
    let combined = 0;
    for (;;) {
      const hi = r.bits(24);
      const lo = r.bits(24);
      if (hi === BLOCK_MAGIC_HI && lo === BLOCK_MAGIC_LO) {
        const crc = decodeBlock(r, blockMax, out);
        combined = (((combined << 1) | (combined >>> 31)) ^ crc) >>> 0;
      } else if (hi === END_MAGIC_HI && lo === END_MAGIC_LO) {
        const stored = r.bits32();
        if (stored !== combined) throw new Bzip2Error('stream CRC mismatch');
        break;
      } else {
        throw new Bzip2Error('bad block header');
      }
    }
    streams++;
    if (!r.alignHasMore()) break;
  }
  return out.result();
}
