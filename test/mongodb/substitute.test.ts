import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash as referenceHash } from '../../bench/keyed-hash.js';
import type { Connection } from '../../src/db/connection.js';
import { hashMod, SALT_VARIABLE } from '../../src/emit/mongodb/keyed-hash.js';
import { longConstant } from '../../src/emit/mongodb/expression.js';
import { fieldLowering } from '../../src/emit/mongodb/lowering.js';
import { suffix } from '../../src/emit/mongodb/unique-suffix.js';
import { aggregateInProcess } from '../../src/exec/mongodb/in-process.js';
import type { FieldType } from '../../src/strategies/field-types.js';
import { UNIQUE_SUFFIX } from '../../src/strategies/field-types.js';
import { fittedDictionary } from '../../src/strategies/fitted-dictionary.js';
import { substitute } from '../../src/strategies/substitute.js';
import { suffixText, withSuffix } from '../../src/strategies/unique-suffix.js';
import { ENGINES } from '../support/engines.js';
import { maskValues } from '../support/mask-values.js';
import { SALT, TEXTS } from './texts.js';

/** Longs where a sign or a lost high bit would show: both ends of int64, around 2^53 and 2^60. */
const EDGE_HASHES = [
  0n,
  1n,
  -1n,
  (1n << 63n) - 1n,
  -(1n << 63n),
  (1n << 53n) + 1n,
  -(1n << 53n) - 1n,
  (1n << 60n) - 1n,
  1n << 60n,
  -(1n << 60n),
  -(1n << 60n) - 1n,
];

function overHashes<T>(hashes: readonly bigint[], expression: unknown): T[] {
  const docs = hashes.map((h, i) => ({ _id: i, h }));
  return aggregateInProcess([{ $set: { out: expression as never } }], docs, {}).map(
    (d) => d.out as T,
  );
}

const reference = referenceHash('portable', SALT);
const ALL_HASHES = [...EDGE_HASHES, ...TEXTS.map((t) => reference.hash(t))];

describe("substitute's picks as aggregation expressions", () => {
  it.each([1, 7, 1000, 2 ** 31 - 1])('pick index: ((h mod n) + n) mod n, n = %i', (n) => {
    const out = overHashes<bigint | number>(ALL_HASHES, hashMod('$h', n));
    const size = BigInt(n);
    expect(out.map(BigInt)).toEqual(ALL_HASHES.map((h) => ((h % size) + size) % size));
  });

  it('pick index with a Long modulus stays exact above 2^53', () => {
    const n = (1n << 61n) + 1n;
    const out = overHashes<bigint>(ALL_HASHES, hashMod('$h', longConstant(n)));
    expect(out).toEqual(ALL_HASHES.map((h) => ((h % n) + n) % n));
  });

  it('suffix: the 12 characters suffixText spells from the low 60 bits', () => {
    const out = overHashes<string>(ALL_HASHES, suffix('$h'));
    expect(out).toEqual(ALL_HASHES.map((h) => suffixText(BigInt.asUintN(60, h))));
  });
});

/** The substitutions compared: one per suffix placement, and one without a suffix. */
const CASES: readonly { rule: string; type: FieldType; unique: boolean }[] = [
  { rule: 'substitute(email) unique', type: 'email', unique: true },
  { rule: 'substitute(city) unique', type: 'city', unique: true },
  { rule: 'substitute(email)', type: 'email', unique: false },
];

for (const engine of ENGINES)
  describe(`substitute, mingo against masq's SQL on ${engine.name}`, () => {
    let conn: Connection;
    beforeAll(async () => {
      conn = await engine.open();
    });
    afterAll(() => conn.close());

    it.each(CASES)(
      '$rule: 1,000 texts give byte-identical outputs',
      async ({ rule, type, unique }) => {
        // A text column has no width to fit, so the plan's dictionary is the whole one
        // (analyze: fittedDictionary(type, undefined)).
        const dictionary = fittedDictionary(type, undefined)!;
        const placement = unique ? UNIQUE_SUFFIX[type]! : undefined;
        const docs = TEXTS.map((v, i) => ({ _id: i, v }));
        const ctx = fieldLowering({ dictionaries: { [type]: dictionary } }, 'v', '$v');
        const pipeline = [
          { $set: { v: substitute.lowerMongo({ params: { field_type: type }, unique }, ctx) } },
        ];
        const mingo = aggregateInProcess(pipeline, docs, { [SALT_VARIABLE]: SALT }).map((d) => d.v);

        // The bench masker's logic (bench/js-masker.ts substituter), in-process.
        const inProcess = TEXTS.map((t) => {
          const size = BigInt(dictionary.length);
          const pick = dictionary[Number(((reference.hash(t) % size) + size) % size)]!;
          return placement
            ? withSuffix(pick, suffixText(reference.suffixBits(t)), placement)
            : pick;
        });
        const postgres = await maskValues(conn, {
          type: 'text',
          rule,
          values: TEXTS,
          salt: SALT,
          hashMode: 'portable',
        });

        expect(mingo).toEqual(inProcess);
        expect(mingo).toEqual(postgres);
        if (unique) expect(new Set(mingo).size).toBe(new Set(TEXTS).size);
      },
    );
  });
