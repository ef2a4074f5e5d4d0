/**
 * PostgreSQL's `hashtextextended(text, bigint)` for deterministic collations: Bob Jenkins'
 * lookup3 (`hash_bytes_extended` in src/common/hashfn.c) over the UTF-8 bytes. Ported so
 * tests and the MongoDB side can reproduce what the database computes. Words are read
 * little-endian, as PostgreSQL does on x86_64 and wasm32, where its aligned and unaligned
 * code paths agree.
 */
export function hashTextExtended(text: string, seed: bigint): bigint {
  const k = Buffer.from(text, 'utf8');
  // A Uint32Array holds a, b, c so every store wraps modulo 2^32 like C's uint32.
  const s = new Uint32Array(3).fill(0x9e3779b9 + k.length + 3923095);

  const seed64 = BigInt.asUintN(64, seed);
  // A zero seed skips the perturbation: hashtextextended(v, 0) keeps the unseeded result.
  if (seed64 !== 0n) {
    s[A] = s[A]! + Number(seed64 >> 32n);
    s[B] = s[B]! + Number(seed64 & 0xffffffffn);
    mix(s);
  }

  let i = 0;
  for (; k.length - i >= 12; i += 12) {
    s[A] = s[A]! + k.readUInt32LE(i);
    s[B] = s[B]! + k.readUInt32LE(i + 4);
    s[C] = s[C]! + k.readUInt32LE(i + 8);
    mix(s);
  }
  // The last 0–11 bytes, little-endian; bytes 8–10 fill c's upper three bytes, as in hashfn.c.
  const t = Buffer.alloc(12);
  k.copy(t, 0, i);
  s[A] = s[A]! + t.readUInt32LE(0);
  s[B] = s[B]! + t.readUInt32LE(4);
  s[C] = s[C]! + (t.readUInt32LE(8) << 8);
  final(s);

  return BigInt.asIntN(64, (BigInt(s[B]!) << 32n) | BigInt(s[C]!));
}

const A = 0;
const B = 1;
const C = 2;

const rot = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** lookup3's mix(): each step is `x -= y; x ^= rot(y, r); y += z`. */
const MIX_STEPS = [
  [A, C, B, 4],
  [B, A, C, 6],
  [C, B, A, 8],
  [A, C, B, 16],
  [B, A, C, 19],
  [C, B, A, 4],
] as const;

function mix(s: Uint32Array): void {
  for (const [x, y, z, r] of MIX_STEPS) {
    s[x] = s[x]! - s[y]!;
    s[x] = s[x]! ^ rot(s[y]!, r);
    s[y] = s[y]! + s[z]!;
  }
}

/** lookup3's final(): each step is `x ^= y; x -= rot(y, r)`. */
const FINAL_STEPS = [
  [C, B, 14],
  [A, C, 11],
  [B, A, 25],
  [C, B, 16],
  [A, C, 4],
  [B, A, 14],
  [C, B, 24],
] as const;

function final(s: Uint32Array): void {
  for (const [x, y, r] of FINAL_STEPS) {
    s[x] = s[x]! ^ s[y]!;
    s[x] = s[x]! - rot(s[y]!, r);
  }
}
