import type { Expression } from './expression.js';

/** The BSON types masq meets in a field it may hash (`$type`'s names). */
export type BsonType =
  'string' | 'int' | 'long' | 'double' | 'decimal' | 'bool' | 'date' | 'objectId' | 'null';

/**
 * How a value of one BSON type turns into the text masq hashes. Hashes are of text, and the
 * same logical value must hash alike in PostgreSQL and MongoDB, so each form gives exactly what
 * PostgreSQL's `value::text` prints for `postgres` under masq's session settings (program.ts
 * sessionSetupSql: TimeZone UTC, DateStyle 'ISO, YMD', extra_float_digits 1).
 */
export type TextForm =
  | {
      readonly supported: true;
      /** The PostgreSQL type whose `::text` this matches. */
      readonly postgres: string;
      /** The text of `value` (an expression of this BSON type, or null: then null). */
      readonly text: (value: Expression) => Expression;
    }
  | { readonly supported: false; readonly postgres: string; readonly reason: string };

/** `YYYY-MM-DD HH:MM:SS[.f]+00`: PostgreSQL prints a timestamptz's fraction with its trailing
 *  zeros dropped (.500 → .5, .050 → .05, .000 → nothing); `%L` always gives three digits.
 *  Null and missing are tested first: mingo's `$millisecond` throws on them. */
function timestampText(value: Expression): Expression {
  return {
    $let: {
      vars: { at: value },
      in: {
        $cond: [
          { $eq: [{ $ifNull: ['$$at', null] }, null] },
          null,
          {
            $let: {
              vars: {
                ms: { $millisecond: '$$at' },
                digits: { $dateToString: { date: '$$at', format: '%L' } },
              },
              in: {
                $concat: [
                  { $dateToString: { date: '$$at', format: '%Y-%m-%d %H:%M:%S' } },
                  {
                    $switch: {
                      branches: [
                        { case: { $eq: ['$$ms', 0] }, then: '' },
                        {
                          case: { $eq: [{ $mod: ['$$ms', 100] }, 0] },
                          then: { $concat: ['.', { $substrBytes: ['$$digits', 0, 1] }] },
                        },
                        {
                          case: { $eq: [{ $mod: ['$$ms', 10] }, 0] },
                          then: { $concat: ['.', { $substrBytes: ['$$digits', 0, 2] }] },
                        },
                      ],
                      default: { $concat: ['.', '$$digits'] },
                    },
                  },
                  '+00',
                ],
              },
            },
          },
        ],
      },
    },
  };
}

/**
 * One canonical text per BSON type. `$toString`'s results for int, long, bool and ObjectId are
 * the manual's own examples (NumberInt(2) → "2", NumberLong(1000) → "1000", true → "true",
 * ObjectId → its 24 lowercase hex digits). Dates are years 0001–9999 only: `%Y` is four digits
 * (manual, $dateToString), and PostgreSQL writes earlier years with " BC".
 */
export const TEXT_FORMS: Readonly<Record<BsonType, TextForm>> = {
  string: { supported: true, postgres: 'text', text: (v) => v },
  int: { supported: true, postgres: 'integer', text: (v) => ({ $toString: v }) },
  long: { supported: true, postgres: 'bigint', text: (v) => ({ $toString: v }) },
  bool: { supported: true, postgres: 'boolean', text: (v) => ({ $toString: v }) },
  date: { supported: true, postgres: 'timestamp with time zone', text: timestampText },
  // PostgreSQL has no ObjectId: its counterpart is a text (or char(24)) column of the hex.
  objectId: { supported: true, postgres: 'text', text: (v) => ({ $toString: v }) },
  // A NULL hashes to nothing in PostgreSQL (the masking keeps NULL); `$toString` of null or a
  // missing field is null too.
  null: { supported: true, postgres: 'any type, NULL', text: (v) => ({ $toString: v }) },
  double: {
    supported: false,
    postgres: 'double precision',
    reason:
      'PostgreSQL prints the shortest round-trip digits in exponent form from 1e15 and below ' +
      '1e-4 ("1e+15", "1e-05") and keeps the sign of -0 ("-0"); the manual does not define ' +
      "the digits of MongoDB's `$toString` of a double, and no expression reproduces " +
      "PostgreSQL's exponent form",
  },
  decimal: {
    supported: false,
    postgres: 'numeric',
    reason:
      "Decimal128's text switches to exponent form (1E+3, 1E-7) where PostgreSQL's numeric " +
      'never does, and the in-process engine (mingo) has no decimal type to test it on',
  },
};

/** The date-only form, PostgreSQL's `date::text` (`YYYY-MM-DD`), of a BSON date at midnight
 *  UTC: BSON has no date-only type, so a PostgreSQL date column's counterpart is one. */
export function dateOnlyText(value: Expression): Expression {
  return { $dateToString: { date: value, format: '%Y-%m-%d' } };
}
