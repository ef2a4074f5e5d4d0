import { hash } from 'node:crypto';
import { seedFromSalt } from '../src/hash/salt-seed.js';
import type { HashMode } from '../src/ir/plan.js';
import { seededTextHash } from './lookup3.js';
import { md5Head } from './md5.js';

/** The keyed hash masq's lowering computes (lowering.ts), for one salt and hash mode. */
export interface KeyedHash {
  /** ctx.keyedHash(): the 64-bit keyed hash of a value's text. */
  hash(text: string): bigint;
  /** ctx.uniqueBits(): the 60 keyed bits a unique suffix spells. */
  suffixBits(text: string): bigint;
}

export function keyedHash(mode: HashMode, salt: string): KeyedHash {
  if (mode === 'fast')
    return {
      hash: seededTextHash(seedFromSalt(salt)),
      suffixBits: (text) => BigInt(`0x${hash('md5', salt + text, 'hex').slice(0, 15)}`),
    };
  const portable = saltedPortableHash(salt);
  return {
    hash: portable,
    suffixBits: (text) => BigInt.asUintN(60, portable(`\u0001${text}`)),
  };
}

/**
 * `portableHash(salt + text)` (src/hash/portable-hash.ts), several times faster: the MD5 input
 * (seed, BSON type, length, salt, text, NUL) is laid out in one reused buffer whose fixed part
 * and salt are written once, and digested by md5Head without a call into node:crypto.
 */
export function saltedPortableHash(salt: string): (text: string) => bigint {
  const saltBytes = Buffer.from(salt, 'utf8');
  const start = 12 + saltBytes.length;
  let buffer = Buffer.alloc(0);
  const ensure = (size: number) => {
    if (buffer.length >= size) return;
    buffer = Buffer.alloc(Math.max(size, 4096));
    buffer.writeInt32LE(0, 0); // hash seed, always 0 for hashed indexes
    buffer.writeInt32LE(BSON_STRING, 4);
    saltBytes.copy(buffer, 12);
  };
  return (text) => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; MD5's padding up to 72 more.
    ensure(start + 3 * text.length + 1 + 72);
    const n = buffer.write(text, start, 'utf8');
    const length = saltBytes.length + n;
    buffer.writeInt32LE(length + 1, 8); // BSON string length counts the trailing NUL
    buffer[start + n] = 0;
    const [low, high] = md5Head(buffer, 12 + length + 1);
    return (BigInt(high) << 32n) | BigInt(low >>> 0);
  };
}

/** BSON's canonical type number for strings, which MongoDB hashes ahead of the value. */
const BSON_STRING = 15;
