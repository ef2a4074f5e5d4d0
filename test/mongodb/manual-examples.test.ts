import { describe, expect, it } from 'vitest';
import { aggregateInProcess } from '../../src/exec/mongodb/in-process.js';

/**
 * Every operator masq's pipelines rely on, run in-process on an example from the MongoDB
 * manual (https://www.mongodb.com/docs/manual/reference/operator/aggregation/<name>/), with
 * the manual's documents and its published output. The overridden operators (in-process.ts)
 * must still give the manual's int and double results, not only exact longs.
 */
function run(documents: object[], pipeline: object[]): object[] {
  return aggregateInProcess(pipeline as never, documents as never, {});
}

/** One expression over a throwaway document. */
function value(expression: unknown): unknown {
  return (run([{ _id: 0 }], [{ $project: { out: expression } }])[0] as { out?: unknown }).out;
}

describe('operators against the MongoDB manual', () => {
  it('$toHashedIndexKey: "string to hash" with $documents and $addFields', () => {
    const out = run(
      [],
      [
        { $documents: [{ val: 'string to hash' }] },
        { $addFields: { hashedVal: { $toHashedIndexKey: '$val' } } },
      ],
    );
    expect(out).toEqual([{ val: 'string to hash', hashedVal: 763543691661428748n }]);
  });

  it('$hexHash (8.3): the SHA-256 of "report.pdf", and null for null and a missing field', () => {
    const out = run(
      [],
      [
        {
          $documents: [{ _id: 1, filename: 'report.pdf' }, { _id: 2, filename: null }, { _id: 3 }],
        },
        { $project: { hexHash: { $hexHash: { input: '$filename', algorithm: 'sha256' } } } },
      ],
    );
    expect(out).toEqual([
      { _id: 1, hexHash: '6466E450A16B77B865C5829D6B6C56D9F892956475642DBEB9CCC4340FE01B15' },
      { _id: 2, hexHash: null },
      { _id: 3, hexHash: null },
    ]);
  });

  const planning = [
    { _id: 1, city: 'New York', hours: 80, tasks: 7 },
    { _id: 2, city: 'Singapore', hours: 40, tasks: 4 },
  ];

  it('$mod: hours by tasks; a negative dividend keeps its sign', () => {
    const out = run(planning, [{ $project: { remainder: { $mod: ['$hours', '$tasks'] } } }]);
    expect(out).toEqual([
      { _id: 1, remainder: 3 },
      { _id: 2, remainder: 0 },
    ]);
    const negative = [{ _id: 1, dividend: -13, divisor: 9 }];
    const out2 = run(negative, [{ $project: { remainder: { $mod: ['$dividend', '$divisor'] } } }]);
    expect(out2).toEqual([{ _id: 1, remainder: -4 }]);
  });

  it('$divide: hours by 8 gives workdays', () => {
    const out = run(planning, [{ $project: { city: 1, workdays: { $divide: ['$hours', 8] } } }]);
    expect(out).toEqual([
      { _id: 1, city: 'New York', workdays: 10 },
      { _id: 2, city: 'Singapore', workdays: 5 },
    ]);
  });

  const sales = [
    { _id: 1, item: 'abc', price: 10, fee: 2, discount: 5 },
    { _id: 2, item: 'jkl', price: 20, fee: 1, discount: 2 },
  ];

  it('$add: price plus fee', () => {
    const out = run(sales, [{ $project: { item: 1, total: { $add: ['$price', '$fee'] } } }]);
    expect(out).toEqual([
      { _id: 1, item: 'abc', total: 12 },
      { _id: 2, item: 'jkl', total: 21 },
    ]);
  });

  it('$subtract: price plus fee minus discount', () => {
    const total = { $subtract: [{ $add: ['$price', '$fee'] }, '$discount'] };
    const out = run(sales, [{ $project: { item: 1, total } }]);
    expect(out).toEqual([
      { _id: 1, item: 'abc', total: 7 },
      { _id: 2, item: 'jkl', total: 19 },
    ]);
  });

  it('$add: an int that overflows becomes a long, a long that overflows a double', () => {
    // The manual's $add "Behavior": int → long → double on overflow.
    expect(value({ $add: [2 ** 31 - 1, 1] })).toBe(2n ** 31n);
    expect(value({ $add: [{ $toLong: '9223372036854775807' }, 1] })).toBe(2 ** 63);
  });

  it('$toLong: the conversion table', () => {
    expect(value({ $toLong: true })).toBe(1n);
    expect(value({ $toLong: 1.99999 })).toBe(1n);
    expect(value({ $toLong: 8 })).toBe(8n);
    expect(value({ $toLong: '-2' })).toBe(-2n);
    expect(value({ $toLong: null })).toBe(null);
    expect(() => value({ $toLong: '2.5' })).toThrow();
  });

  it('$mod and $subtract on longs are exact where a double is not (beyond the manual)', () => {
    const max = { $toLong: '9223372036854775807' };
    expect(value({ $mod: [max, 10] })).toBe(7n); // a double would say 8
    expect(value({ $subtract: [max, { $toLong: '9223372036854775806' }] })).toBe(1n);
  });

  it('$arrayElemAt: the behaviour table, and a Long index', () => {
    expect(value({ $arrayElemAt: [[1, 2, 3], 0] })).toBe(1);
    expect(value({ $arrayElemAt: [[1, 2, 3], -2] })).toBe(2);
    expect(value({ $arrayElemAt: [[1, 2, 3], 15] })).toBeUndefined();
    expect(value({ $arrayElemAt: ['$undefinedField', 0] })).toBe(null);
    expect(value({ $arrayElemAt: [{ $literal: ['a', 'b', 'c'] }, { $toLong: '2' }] })).toBe('c');
  });

  it('$substrCP: the examples table, an integral double as index', () => {
    expect(value({ $substrCP: ['abcde', 1, 2] })).toBe('bc');
    expect(value({ $substrCP: ['Hello World!', 6, 5] })).toBe('World');
    expect(value({ $substrCP: ['cafétéria', 0, 5] })).toBe('cafét');
    expect(value({ $substrCP: ['cafétéria', 5, 4] })).toBe('éria');
    expect(value({ $substrCP: ['cafétéria', 7, 3] })).toBe('ia');
    expect(value({ $substrCP: ['cafétéria', 3, 1] })).toBe('é');
    expect(value({ $substrCP: ['abcde', { $divide: [4, 2] }, 1] })).toBe('c');
  });

  it('$concat: item and description; null gives null', () => {
    const inventory = [
      { _id: 1, item: 'ABC1', description: 'product 1' },
      { _id: 4, item: 'VWZ1', description: null },
    ];
    const itemDescription = { $concat: ['$item', ' - ', '$description'] };
    expect(run(inventory, [{ $project: { itemDescription } }])).toEqual([
      { _id: 1, itemDescription: 'ABC1 - product 1' },
      { _id: 4, itemDescription: null },
    ]);
  });

  it('$replaceAll: every match replaced; a null operand gives null', () => {
    const replace = {
      $replaceAll: { input: '$item', find: 'blue paint', replacement: 'red paint' },
    };
    const inventory = [{ _id: 1, item: 'blue paint with blue paintbrush' }];
    expect(run(inventory, [{ $project: { item: replace } }])).toEqual([
      { _id: 1, item: 'red paint with red paintbrush' },
    ]);
    expect(value({ $replaceAll: { input: null, find: 'abc', replacement: 'ABC' } })).toBe(null);
    expect(value({ $replaceAll: { input: 'abc', find: 'abc', replacement: null } })).toBe(null);
  });

  it('$let: finalTotal from total and discounted', () => {
    const sales2 = [
      { _id: 1, price: 10, tax: 0.5, applyDiscount: true },
      { _id: 2, price: 10, tax: 0.25, applyDiscount: false },
    ];
    const finalTotal = {
      $let: {
        vars: {
          total: { $add: ['$price', '$tax'] },
          discounted: { $cond: { if: '$applyDiscount', then: 0.9, else: 1 } },
        },
        in: { $multiply: ['$$total', '$$discounted'] },
      },
    };
    expect(run(sales2, [{ $project: { finalTotal } }])).toEqual([
      { _id: 1, finalTotal: 9.450000000000001 },
      { _id: 2, finalTotal: 10.25 },
    ]);
  });

  it('$literal: a $-string is a value, not a field path', () => {
    const store = [{ _id: 1, item: 'abc123', price: '$2.50' }];
    const costsOneDollar = { $eq: ['$price', { $literal: '$1' }] };
    expect(run(store, [{ $project: { costsOneDollar } }])).toEqual([
      { _id: 1, costsOneDollar: false },
    ]);
  });
});
