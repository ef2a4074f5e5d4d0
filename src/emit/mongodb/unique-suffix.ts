import { SUFFIX_ALPHABET, SUFFIX_BITS, SUFFIX_DIGITS } from '../../strategies/unique-suffix.js';
import type { Expression } from './expression.js';
import { longConstant } from './expression.js';
import { hashMod } from './keyed-hash.js';

/** 32^i as Long constants, i = 0 … 12. */
const POWERS = Array.from({ length: SUFFIX_DIGITS + 1 }, (_, i) => longConstant(32n ** BigInt(i)));

/**
 * The 12 suffix characters of a Long hash, as suffixSql and suffixText spell them: the low 60
 * bits, most significant digit first. No `$bitAnd` (MongoDB 6.3+): the bits are
 * u = ((h mod 2^60) + 2^60) mod 2^60, and digit i = (u mod 32^(i+1) − u mod 32^i) / 32^i. Every
 * intermediate is a Long below 2^61; the numerator is d·2^(5i) with d < 32, so `$divide`'s
 * double is exact, and `$substrCP` takes an integral double as an index.
 */
export function suffix(bitsHash: Expression): Expression {
  const u = '$$masq_u';
  const characters = Array.from({ length: SUFFIX_DIGITS }, (_, k) => {
    const i = SUFFIX_DIGITS - 1 - k;
    const numerator = { $subtract: [{ $mod: [u, POWERS[i + 1]!] }, { $mod: [u, POWERS[i]!] }] };
    return { $substrCP: [SUFFIX_ALPHABET, { $divide: [numerator, POWERS[i]!] }, 1] };
  });
  // $let: the bits are read 24 times; computed once.
  return {
    $let: {
      vars: { masq_u: hashMod(bitsHash, longConstant(1n << BigInt(SUFFIX_BITS))) },
      in: { $concat: characters },
    },
  };
}
