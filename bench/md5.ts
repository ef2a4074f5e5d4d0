/**
 * MD5 (RFC 1321) in plain JavaScript, returning the first 8 digest bytes as the two
 * little-endian words MongoDB's hashed index key reads. For the short inputs a keyed hash sees,
 * this is several times cheaper than a call into node:crypto, whose fixed cost per call
 * dominates; the bench's tests check it against node:crypto.
 */

const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = Int32Array.from({ length: 64 }, (_, i) =>
  Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32),
);
/** The message word each of the 64 steps adds. */
const WORD = Int32Array.from({ length: 64 }, (_, i) =>
  i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16,
);

const words = new Int32Array(16);

/**
 * Digests `bytes[0, length)`; `bytes` must have room for the padding after them (up to 72
 * more bytes), which this writes. Returns [a, b]: digest bytes 0–3 and 4–7 as int32 LE.
 */
export function md5Head(bytes: Buffer, length: number): [number, number] {
  const padded = (((length + 8) >> 6) + 1) << 6;
  bytes.fill(0, length, padded);
  bytes[length] = 0x80;
  bytes.writeUInt32LE((length << 3) >>> 0, padded - 8);
  bytes.writeUInt32LE(Math.floor(length / 0x20000000), padded - 4);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let block = 0; block < padded; block += 64) {
    for (let i = 0; i < 16; i++) words[i] = bytes.readInt32LE(block + 4 * i);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f =
        round === 0
          ? (b & c) | (~b & d)
          : round === 1
            ? (d & b) | (~d & c)
            : round === 2
              ? b ^ c ^ d
              : c ^ (b | ~d);
      const sum = (a + f + K[i]! + words[WORD[i]!]!) | 0;
      const s = SHIFTS[(round << 2) | (i & 3)]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  return [a0, b0];
}
