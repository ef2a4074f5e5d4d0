import type { Expression } from './expression.js';

/**
 * The name of the aggregation variable that holds the plan's salt. The executor passes it with
 * the aggregate command's `let` option (MongoDB 5.0+), so no pipeline file holds the salt.
 */
export const SALT_VARIABLE = 'masq_salt';

/** The aggregation variable of secret number `index`, named as the psql variable is
 *  (secrets-sql.ts): 0 is the salt. */
export function secretVariable(index: number): string {
  return index === 0 ? SALT_VARIABLE : `${SALT_VARIABLE}_${index}`;
}

/**
 * The keyed 64-bit hash of a text expression, a Long: MongoDB's `$toHashedIndexKey` of
 * salt ‖ text, what portableHash(salt + text) and the PostgreSQL lowering (HashRegistry.keyed,
 * portable mode) compute.
 */
export function keyedHash(text: Expression): Expression {
  return { $toHashedIndexKey: { $concat: [`$$${SALT_VARIABLE}`, text] } };
}

/**
 * The hash a unique suffix spells, independent of keyedHash(): the keyed hash of \x01 ‖ text,
 * as HashRegistry.uniqueBits computes in portable mode.
 */
export function uniqueBitsHash(text: Expression): Expression {
  return { $toHashedIndexKey: { $concat: [`$$${SALT_VARIABLE}`, '\u0001', text] } };
}

/**
 * `((h mod n) + n) mod n`, written as pgHashMod writes it: `$mod` keeps the dividend's sign,
 * like PostgreSQL's %, and is exact on a Long hash when `n` is an int or a Long (never a
 * double). |h mod n| < n, so the sum stays below 2^63 for any n ≤ 2^62.
 */
export function hashMod(hash: Expression, n: Expression): Expression {
  return { $mod: [{ $add: [{ $mod: [hash, n] }, n] }, n] };
}
