import type { Expression } from './expression.js';
import { literal } from './expression.js';
import { hashMod, keyedHash, uniqueBitsHash } from './keyed-hash.js';
import { suffix } from './unique-suffix.js';

/** The entry of `values` at a 0-based integer index (an int or a Long). */
export function dictionaryPick(values: readonly string[], index: Expression): Expression {
  return { $arrayElemAt: [literal(values), index] };
}

/**
 * What substitute's PostgreSQL lowering computes for a text value: the dictionary entry at
 * the keyed hash mod its size, and for a unique rule the suffix of the value's unique bits,
 * before the @ of an address or after a '-' (unique-suffix.ts withSuffix).
 */
export function substituteValue(
  text: Expression,
  values: readonly string[],
  placement?: 'local-part' | 'append',
): Expression {
  const pick = dictionaryPick(values, hashMod(keyedHash(text), values.length));
  if (!placement) return pick;
  const characters = suffix(uniqueBitsHash(text));
  // Dictionary addresses hold exactly one @ (dictionaries.test.ts), as replace() in SQL assumes.
  return placement === 'local-part'
    ? { $replaceAll: { input: pick, find: '@', replacement: { $concat: ['.', characters, '@'] } } }
    : { $concat: [pick, '-', characters] };
}
