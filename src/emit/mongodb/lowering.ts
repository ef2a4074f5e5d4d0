import type { Plan } from '../../ir/plan.js';
import type { ColumnInput, MongoLowering } from '../../strategies/strategy.js';
import type { Expression } from './expression.js';
import { literal, longConstant } from './expression.js';
import { hashMod, keyedHash, secretVariable, uniqueBitsHash } from './keyed-hash.js';
import { suffix } from './unique-suffix.js';

/** A text field: collections carry no schema yet, so no width to fit a dictionary to. */
const TEXT_FIELD = (name: string): ColumnInput => ({ name, type: 'string', category: 'text' });

/**
 * The lowering context of one field whose value is `value` (e.g. `$email`), from the plan's
 * dictionaries. The hashes are written where asked for: MongoDB has no LATERAL to share them,
 * and `$let` around the field's expression is left to the emitter when one needs it.
 */
export function fieldLowering(
  plan: Pick<Plan, 'dictionaries'>,
  name: string,
  value: Expression,
): MongoLowering {
  return {
    value,
    column: TEXT_FIELD(name),
    keyedHash: () => keyedHash(value),
    uniqueBits: () => uniqueBitsHash(value),
    suffix,
    secret: (index) => `$$${secretVariable(index)}`,
    literal,
    // An int divisor keeps `$mod` of a Long exact; past int32 the driver would send a double.
    hashMod: (hash, n) => hashMod(hash, n < 2 ** 31 ? n : longConstant(BigInt(n))),
    dictionary: (key) => {
      const values = plan.dictionaries[key];
      if (!values) throw new Error(`plan has no dictionary ${key}`);
      return { size: values.length, pick: (index) => dictionaryPick(values, index) };
    },
  };
}

/** The entry of `values` at a 0-based integer index (an int or a Long). */
export function dictionaryPick(values: readonly string[], index: Expression): Expression {
  return { $arrayElemAt: [literal(values), index] };
}
