import { expect } from 'vitest';
import { hashTextExtended } from '../../src/hash/fast-hash.js';
import { portableHash } from '../../src/hash/portable-hash.js';
import { seedFromSalt } from '../../src/hash/salt-seed.js';
import type { FieldType } from '../../src/strategies/field-types.js';
import { buildDictionaries } from '../../src/strategies/dictionaries.js';

export type Value = string | null;

/**
 * One case of the strategy table: a column type, a rule, the inputs, and what must come out:
 * exact outputs where the strategy defines them, a property check where it only bounds them.
 */
export interface StrategyRow {
  readonly name: string;
  readonly type: string;
  readonly rule: string;
  readonly inputs: readonly Value[];
  readonly expected?: readonly Value[];
  readonly check?: (outputs: readonly Value[], inputs: readonly Value[]) => void;
  readonly salt?: string;
  readonly moreSecrets?: readonly string[];
  readonly hashMode?: 'portable' | 'fast';
}

export const SALT = 'main';
export const OTHER_SALT = 'other';

/** The strategy a rule names: the word before its parameters. */
export const strategyOf = (rule: string): string => /^\w+/.exec(rule)![0];

// ---------------------------------------------------------------------------------------------
// hash_salt: computed with Python hashlib, hashlib.sha256((salt + value).encode()).hexdigest()
const HASH_INPUTS = ['alice@example.com', '4111-1111-1111-1111', 'Zoë 東京', '', '42', null];
const SHA_MAIN = [
  'dba33aeb4c3ae50cf48510d1d30e6902951613e0cf6bdd47942e98ec3ae0a24e',
  '821b3305ed5ea9165646435a05c49d20aea128d559915c34c7103048801275bb',
  'bd7115ce1852ca283729eea8ef9b1c9185abbacceb3bd23aeb10917cb9be581d',
  '0d6e4079e36703ebd37c00722f5891d28b0e2811dc114b129215123adcce3605',
  'cd9cc947d711eb512ed00fd05d960e2299574722dc7bd407086367a0c27c5d22',
  null,
];
const SHA_OTHER = [
  'b601ea1feecafdcc6f6dba7988a87a4e5f6cafb6032a57376490ae4284639ea0',
  '13e6a21564ab75558ff5b8c51a3a5667f851795e0f597598eab9f5d409528ef4',
  '5ab4569bb8ddfcb965c26e6e7bf08371d34e9bc6f080a6f936cbcc62f5722110',
  'd9298a10d1b0735837dc4bd85dac641b0f3cef27a47e5d53a54f2f3f5b2fcffa',
  '77ed96f61c178171c210d7e1d595314b952e323a0c10b2522cd1911446a06cbc',
  null,
];

const HASH_ROWS: StrategyRow[] = [
  {
    name: 'hash_salt: sha256 hex of salt ‖ value (text)',
    type: 'text',
    rule: 'hash_salt',
    inputs: HASH_INPUTS,
    expected: SHA_MAIN,
  },
  {
    name: 'hash_salt: varchar(64)',
    type: 'varchar(64)',
    rule: 'hash_salt',
    inputs: HASH_INPUTS,
    expected: SHA_MAIN,
  },
  {
    name: 'hash_salt: a rule salt is used, not the plan salt',
    type: 'text',
    rule: 'hash_salt(salt: env(OTHER_SALT))',
    inputs: HASH_INPUTS,
    moreSecrets: [OTHER_SALT],
    expected: SHA_OTHER,
  },
];

// ---------------------------------------------------------------------------------------------
// redact: same length in characters; a value no longer than what is kept is masked whole.
const REDACT_ROWS: StrategyRow[] = [
  {
    name: 'redact: no params masks all',
    type: 'text',
    rule: 'redact',
    inputs: ['secret', 'Zoë 東京', '', null],
    expected: ['******', '******', '', null],
  },
  {
    name: 'redact(): empty parens masks all',
    type: 'text',
    rule: 'redact()',
    inputs: ['abc'],
    expected: ['***'],
  },
  {
    name: 'redact keep_last: 4',
    type: 'text',
    rule: 'redact(keep_last: 4)',
    inputs: ['4111-1111-1111-1111', '123', '1234', '12345', 'Zoë 東京', '', null],
    expected: ['***************1111', '***', '****', '*2345', '**ë 東京', '', null],
  },
  {
    name: 'redact keep_first: 2, multibyte',
    type: 'text',
    rule: 'redact(keep_first: 2)',
    inputs: ['abcdef', 'ab', 'a', 'a😀b😀c', 'Zoë 東京'],
    expected: ['ab****', '**', '*', 'a😀***', 'Zo****'],
  },
  {
    name: 'redact keep_first: 0, keep_last: 0 leaks nothing',
    type: 'text',
    rule: 'redact(keep_first: 0, keep_last: 0)',
    inputs: ['123-45-6789', 'x', ''],
    expected: ['***********', '*', ''],
  },
  {
    name: 'redact keep_last: 0 leaks nothing',
    type: 'text',
    rule: 'redact(keep_last: 0)',
    inputs: ['123-45-6789'],
    expected: ['***********'],
  },
  {
    name: 'redact keep_first: 0 leaks nothing',
    type: 'text',
    rule: 'redact(keep_first: 0)',
    inputs: ['123-45-6789'],
    expected: ['***********'],
  },
  {
    name: 'redact keep_first: 0, keep_last: 3 keeps no first character',
    type: 'text',
    rule: 'redact(keep_first: 0, keep_last: 3)',
    inputs: ['123-45-6789'],
    expected: ['********789'],
  },
  {
    name: 'redact keep_first: 3, keep_last: 0 keeps no last character',
    type: 'text',
    rule: 'redact(keep_first: 3, keep_last: 0)',
    inputs: ['123-45-6789'],
    expected: ['123********'],
  },
  {
    name: 'redact keep_first: 2, keep_last: 2: short values masked whole',
    type: 'text',
    rule: 'redact(keep_first: 2, keep_last: 2)',
    inputs: ['abc', 'abcd', 'abcde', '😀xyz😀'],
    expected: ['***', '****', 'ab*de', '😀x*z😀'],
  },
  {
    name: 'redact char "#"',
    type: 'text',
    rule: 'redact(char: "#", keep_last: 4)',
    inputs: ['123-45-6789', 'abc', null],
    expected: ['#######6789', '###', null],
  },
  {
    name: 'redact multibyte char',
    type: 'text',
    rule: 'redact(char: "•")',
    inputs: ['Zoë'],
    expected: ['•••'],
  },
  {
    name: 'redact varchar(32)',
    type: 'varchar(32)',
    rule: 'redact(keep_last: 4)',
    inputs: ['john.doe@example.com', null],
    expected: ['****************.com', null],
  },
  {
    name: 'redact char(11)',
    type: 'char(11)',
    rule: 'redact(keep_first: 3)',
    inputs: ['123-45-6789', null],
    expected: ['123********', null],
  },
];

// ---------------------------------------------------------------------------------------------
// perturb: bounded, type kept, the same input moves the same way.
const INT = /^-?\d+$/;

function sameForSameInput(outputs: readonly Value[], inputs: readonly Value[]): void {
  const seen = new Map<Value, Value>();
  inputs.forEach((v, i) => {
    if (v === null) {
      expect(outputs[i]).toBeNull();
      return;
    }
    if (seen.has(v)) expect(outputs[i], `input ${v} twice`).toBe(seen.get(v));
    else seen.set(v, outputs[i]!);
  });
}

/** Integers: |out − in| ≤ round(|in| × pct / 100) (pct) or round(abs) (abs). */
function intWithin(bound: { pct: number } | { abs: number }) {
  return (outputs: readonly Value[], inputs: readonly Value[]) => {
    sameForSameInput(outputs, inputs);
    inputs.forEach((v, i) => {
      if (v === null) return;
      const out = outputs[i]!;
      expect(out).toMatch(INT);
      const x = BigInt(v);
      const ax = x < 0n ? -x : x;
      const limit =
        'pct' in bound ? (ax * BigInt(bound.pct) + 50n) / 100n : BigInt(Math.round(bound.abs));
      const d = BigInt(out) - x;
      expect(d <= limit && -d <= limit, `${v} → ${out} beyond ±${limit}`).toBe(true);
    });
  };
}

/** numeric(p,2): two decimals kept, |out − in| ≤ bound + half a cent. */
function decimalWithin(bound: { pct: number } | { abs: number }) {
  return (outputs: readonly Value[], inputs: readonly Value[]) => {
    sameForSameInput(outputs, inputs);
    inputs.forEach((v, i) => {
      if (v === null) return;
      const out = outputs[i]!;
      expect(out).toMatch(/^-?\d+\.\d{2}$/);
      const limit = ('pct' in bound ? (Math.abs(Number(v)) * bound.pct) / 100 : bound.abs) + 0.005;
      expect(Math.abs(Number(out) - Number(v)), `${v} → ${out}`).toBeLessThanOrEqual(limit + 1e-9);
    });
  };
}

function floatWithin(bound: { pct: number } | { abs: number }) {
  return (outputs: readonly Value[], inputs: readonly Value[]) => {
    sameForSameInput(outputs, inputs);
    movesEveryValue(outputs, inputs);
    inputs.forEach((v, i) => {
      if (v === null) return;
      const out = Number(outputs[i]);
      expect(Number.isFinite(out), `${v} → ${outputs[i]}`).toBe(true);
      const limit = 'pct' in bound ? (Math.abs(Number(v)) * bound.pct) / 100 : bound.abs;
      expect(Math.abs(out - Number(v)), `${v} → ${outputs[i]}`).toBeLessThanOrEqual(
        limit * (1 + 1e-12),
      );
    });
  };
}

/**
 * Staying in bounds is not enough: a perturb that returned its input would pass that. The shift
 * is zero only when the keyed u is (1 in 2,000,001), so every non-zero value must change.
 */
function movesEveryValue(outputs: readonly Value[], inputs: readonly Value[]): void {
  inputs.forEach((v, i) => {
    if (v === null || Number(v) === 0) return;
    expect(Number(outputs[i]), `${v} did not move`).not.toBe(Number(v));
  });
}

const FLOAT8_MAX = 1.7976931348623157e308;

const DAY_US = 86_400_000_000n;

/** Microseconds since the epoch of a date, timestamp or timestamptz (UTC session) text. */
export function micros(text: string): bigint {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?(\+00)?$/.exec(
    text,
  );
  if (!m) throw new Error(`not a date or time: ${text}`);
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return BigInt(ms) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0'));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?\+00$/;

/** Dates and times: the type's text form, shifted by whole days / seconds within the bound. */
function timeWithin(form: RegExp, unit: 'days' | 'seconds', amount: number) {
  const step = unit === 'days' ? DAY_US : 1_000_000n;
  return (outputs: readonly Value[], inputs: readonly Value[]) => {
    sameForSameInput(outputs, inputs);
    inputs.forEach((v, i) => {
      if (v === null) return;
      const out = outputs[i]!;
      expect(out).toMatch(form);
      const d = micros(out) - micros(v);
      expect(d % step, `${v} → ${out}: not whole ${unit}`).toBe(0n);
      const n = d / step;
      expect(
        n <= BigInt(amount) && -n <= BigInt(amount),
        `${v} → ${out} beyond ±${amount} ${unit}`,
      ).toBe(true);
    });
  };
}

const INTS = ['1000', '-1000', '5', '0', '123456', '2147483', '1000', null];
const DATES = ['2024-02-29', '1999-12-31', '1970-01-01', '2024-02-29', null];
const TIMESTAMPS = [
  '2024-03-01 12:34:56',
  '2024-03-01 12:34:56.123456',
  '1999-12-31 23:59:59',
  '2024-03-01 12:34:56',
  null,
];
const TIMESTAMPTZS = [
  '2024-03-01 12:34:56+00',
  '2024-03-01 12:34:56.5+00',
  '1999-12-31 23:59:59+00',
  '2024-03-01 12:34:56+00',
  null,
];

const NEAR_INT_MAX = Array.from({ length: 20 }, (_, i) => String(2147483647 - i));
const NEAR_BIGINT_MAX = Array.from({ length: 20 }, (_, i) =>
  String(9223372036854775807n - BigInt(i)),
);

/** Within ±pct, never past `max`, and pinned to it at least once. */
function pinnedWithin(pct: number, max: string) {
  const within = intWithin({ pct });
  return (outputs: readonly Value[], inputs: readonly Value[]) => {
    within(outputs, inputs);
    expect(outputs.every((o) => BigInt(o!) <= BigInt(max))).toBe(true);
    expect(outputs).toContain(max);
  };
}

const PERTURB_ROWS: StrategyRow[] = [
  {
    name: 'perturb pct on integer',
    type: 'integer',
    rule: 'perturb(pct: 10)',
    inputs: INTS,
    check: intWithin({ pct: 10 }),
  },
  {
    name: 'perturb pct on bigint',
    type: 'bigint',
    rule: 'perturb(pct: 10)',
    inputs: ['9000000000000000', '-42', '9000000000000000', '7', null],
    check: intWithin({ pct: 10 }),
  },
  {
    name: 'perturb pct on smallint',
    type: 'smallint',
    rule: 'perturb(pct: 5)',
    inputs: ['100', '-100', '30000', null],
    check: intWithin({ pct: 5 }),
  },
  {
    name: 'perturb pct on numeric(10,2)',
    type: 'numeric(10,2)',
    rule: 'perturb(pct: 10)',
    inputs: ['12.50', '99999.99', '-0.10', '0.00', '12.50', null],
    check: decimalWithin({ pct: 10 }),
  },
  {
    name: 'perturb pct on double precision',
    type: 'double precision',
    rule: 'perturb(pct: 10)',
    inputs: ['1.5', '-1234.5678', '10000000000', '0', '1.5', null],
    check: floatWithin({ pct: 10 }),
  },
  {
    name: 'perturb abs on integer',
    type: 'integer',
    rule: 'perturb(abs: 50)',
    inputs: INTS,
    check: intWithin({ abs: 50 }),
  },
  {
    name: 'perturb abs on numeric(10,2)',
    type: 'numeric(10,2)',
    rule: 'perturb(abs: 2.5)',
    inputs: ['10.00', '0.00', '-3.33', '10.00', null],
    check: decimalWithin({ abs: 2.5 }),
  },
  {
    name: 'perturb abs on double precision',
    type: 'double precision',
    rule: 'perturb(abs: 0.75)',
    inputs: ['1.5', '-20', '0', '1.5', null],
    check: floatWithin({ abs: 0.75 }),
  },
  {
    name: 'perturb days on date',
    type: 'date',
    rule: 'perturb(days: 30)',
    inputs: DATES,
    check: timeWithin(DATE, 'days', 30),
  },
  {
    name: 'perturb days on timestamp',
    type: 'timestamp',
    rule: 'perturb(days: 7)',
    inputs: TIMESTAMPS,
    check: timeWithin(TIMESTAMP, 'days', 7),
  },
  {
    name: 'perturb seconds on timestamp',
    type: 'timestamp',
    rule: 'perturb(seconds: 3600)',
    inputs: TIMESTAMPS,
    check: timeWithin(TIMESTAMP, 'seconds', 3600),
  },
  {
    name: 'perturb days on timestamptz',
    type: 'timestamptz',
    rule: 'perturb(days: 7)',
    inputs: TIMESTAMPTZS,
    check: timeWithin(TIMESTAMPTZ, 'days', 7),
  },
  {
    name: 'perturb seconds on timestamptz',
    type: 'timestamptz',
    rule: 'perturb(seconds: 3600)',
    inputs: TIMESTAMPTZS,
    check: timeWithin(TIMESTAMPTZ, 'seconds', 3600),
  },
  // Values at the end of a type's range stay inside it instead of failing the batch: about
  // half of these shift upwards, past the end, without the pin.
  {
    name: 'perturb pct on integer limits is pinned to the range',
    type: 'integer',
    rule: 'perturb(pct: 10)',
    inputs: NEAR_INT_MAX,
    check: pinnedWithin(10, '2147483647'),
  },
  {
    name: 'perturb pct on bigint limits is pinned to the range',
    type: 'bigint',
    rule: 'perturb(pct: 10)',
    inputs: NEAR_BIGINT_MAX,
    check: pinnedWithin(10, '9223372036854775807'),
  },
  {
    name: 'perturb pct on numeric(5,2) is pinned to ±999.99',
    type: 'numeric(5,2)',
    rule: 'perturb(pct: 50)',
    inputs: ['999.99', '-999.99', '999.99'],
    check: (outputs) => {
      for (const out of outputs) expect(Math.abs(Number(out))).toBeLessThanOrEqual(999.99);
      expect(outputs[0]).toBe(outputs[2]);
    },
  },
  {
    name: 'perturb on numeric(2,5) is pinned to ±0.00099',
    type: 'numeric(2,5)',
    rule: 'perturb(pct: 50)',
    inputs: ['0.00099', '-0.00099', '0.00050'],
    check: (outputs) => {
      for (const out of outputs) expect(Math.abs(Number(out))).toBeLessThanOrEqual(0.00099);
    },
  },
  {
    name: 'perturb on numeric(3,-2) is pinned to ±99900',
    type: 'numeric(3,-2)',
    rule: 'perturb(pct: 50)',
    inputs: ['99900', '-99900', '12300'],
    check: (outputs) => {
      for (const out of outputs) expect(Math.abs(Number(out))).toBeLessThanOrEqual(99900);
    },
  },
  {
    name: 'perturb keeps Infinity and NaN of floats and numerics',
    type: 'double precision',
    rule: 'perturb(pct: 10)',
    inputs: ['Infinity', '-Infinity', 'NaN', null],
    expected: ['Infinity', '-Infinity', 'NaN', null],
  },
  {
    name: 'perturb keeps NaN of numeric, not NULL',
    type: 'numeric',
    rule: 'perturb(abs: 1)',
    inputs: ['NaN', '12.345'],
    check: (outputs) => {
      expect(outputs[0]).toBe('NaN');
      expect(outputs[1]).toMatch(/^\d+\.\d{3}$/);
    },
  },
  {
    name: 'perturb pct on double precision at ±1.7976931348623157e308 is pinned to the range',
    type: 'double precision',
    rule: 'perturb(pct: 50)',
    inputs: [
      '1.7976931348623157e308',
      '-1.7976931348623157e308',
      '1.79e308',
      '-1.79e308',
      '1.5e308',
      '-1.5e308',
      '1.2e308',
      '-1.2e308',
      '1.7976931348623157e308',
      '1.5',
      '-1234.5678',
      null,
    ],
    check: (outputs, inputs) => {
      sameForSameInput(outputs, inputs);
      inputs.forEach((v, i) => {
        if (v === null) return;
        const out = Number(outputs[i]);
        expect(Math.abs(out), `${v} → ${outputs[i]}`).toBeLessThanOrEqual(FLOAT8_MAX);
        expect(Math.abs(out - Number(v)), `${v} → ${outputs[i]}`).toBeLessThanOrEqual(
          Math.abs(Number(v)) * 0.5 * (1 + 1e-12),
        );
      });
      // A value pinned at the end of the range may stay where it is; the others move.
      movesEveryValue(outputs.slice(2), inputs.slice(2));
      expect(outputs.map(Number)).toContain(FLOAT8_MAX);
    },
  },
  {
    name: 'perturb abs on double precision at the range ends is pinned, others move',
    type: 'double precision',
    rule: `perturb(abs: 1${'0'.repeat(308)})`,
    inputs: ['1.7976931348623157e308', '-1.7976931348623157e308', '1.7e308', '-1.7e308', '0.5'],
    check: (outputs, inputs) => {
      inputs.forEach((v, i) => {
        const out = Number(outputs[i]);
        expect(Math.abs(out), `${v} → ${outputs[i]}`).toBeLessThanOrEqual(FLOAT8_MAX);
        expect(Math.abs(out - Number(v)), `${v} → ${outputs[i]}`).toBeLessThanOrEqual(1e308);
      });
      movesEveryValue(outputs.slice(4), inputs.slice(4));
    },
  },
  {
    name: 'perturb pct on real near its largest value stays a real',
    type: 'real',
    rule: 'perturb(pct: 10)',
    inputs: ['3.4e38', '-3.4e38'],
    check: (outputs) => {
      for (const out of outputs) expect(Math.abs(Number(out))).toBeLessThanOrEqual(3.4028235e38);
    },
  },
];

// ---------------------------------------------------------------------------------------------
// substitute: a dictionary value picked by the keyed hash of the value.
export const DICTIONARIES = buildDictionaries([
  'email',
  'full_name',
  'first_name',
  'city',
  'phone',
  'company',
  'job_title',
  'ipv4',
  'date_of_birth',
  'uuid',
]);

export function dictionary(type: FieldType): readonly string[] {
  const d = DICTIONARIES[type];
  if (!d) throw new Error(`no dictionary for ${type}`);
  return d;
}

/** The dictionary index the emitted SQL must pick, computed in JS from the hash ports. */
export function pickIndex(
  value: string,
  salt: string,
  size: number,
  mode: 'portable' | 'fast',
): number {
  const h =
    mode === 'fast' ? hashTextExtended(value, seedFromSalt(salt)) : portableHash(salt + value);
  const n = BigInt(size);
  return Number(((h % n) + n) % n);
}

function inDictionary(type: FieldType) {
  return (outputs: readonly Value[], inputs: readonly Value[]) => {
    sameForSameInput(outputs, inputs);
    const values = new Set(dictionary(type));
    outputs.forEach((out, i) => {
      if (inputs[i] !== null)
        expect(values.has(out!), `${out} not in the ${type} dictionary`).toBe(true);
    });
  };
}

function golden(
  type: FieldType,
  inputs: readonly Value[],
  mode: 'portable' | 'fast',
  salt = SALT,
): Value[] {
  const dict = dictionary(type);
  return inputs.map((v) => (v === null ? null : dict[pickIndex(v, salt, dict.length, mode)]!));
}

const PEOPLE = ['alice@example.com', 'bob@example.org', 'alice@example.com', 'Zoë 東京', '', null];

/** ~50 values: ASCII, accents, CJK, emoji, lengths across lookup3's 12-byte blocks. */
export const GOLDEN_INPUTS: readonly string[] = [
  '',
  'a',
  'Zoë 東京',
  '😀',
  'ñandú',
  'Ελληνικά',
  'Straße',
  'İstanbul',
  'مرحبا',
  'line\nbreak',
  "O'Brien",
  'tab\there',
  ...Array.from(
    { length: 38 },
    (_, i) =>
      `user${i * 37}@${['example.com', 'mail.test', 'データ.jp'][i % 3]}${'x'.repeat(i % 13)}`,
  ),
];

const GOLDEN_WITH_NULL: readonly Value[] = [...GOLDEN_INPUTS, null];

const SUBSTITUTE_ROWS: StrategyRow[] = [
  {
    name: 'substitute(email)',
    type: 'text',
    rule: 'substitute(email)',
    inputs: PEOPLE,
    check: inDictionary('email'),
  },
  {
    name: 'substitute(full_name)',
    type: 'text',
    rule: 'substitute(full_name)',
    inputs: PEOPLE,
    check: inDictionary('full_name'),
  },
  {
    name: 'substitute(first_name) into varchar(40)',
    type: 'varchar(40)',
    rule: 'substitute(first_name)',
    inputs: PEOPLE,
    check: inDictionary('first_name'),
  },
  {
    name: 'substitute(city)',
    type: 'text',
    rule: 'substitute(city)',
    inputs: PEOPLE,
    check: inDictionary('city'),
  },
  {
    name: 'substitute(phone)',
    type: 'text',
    rule: 'substitute(phone)',
    inputs: PEOPLE,
    check: inDictionary('phone'),
  },
  {
    name: 'substitute(company)',
    type: 'text',
    rule: 'substitute(company)',
    inputs: PEOPLE,
    check: inDictionary('company'),
  },
  {
    name: 'substitute(job_title)',
    type: 'text',
    rule: 'substitute(job_title)',
    inputs: PEOPLE,
    check: inDictionary('job_title'),
  },
  {
    name: 'substitute(ipv4) into text',
    type: 'text',
    rule: 'substitute(ipv4)',
    inputs: PEOPLE,
    check: inDictionary('ipv4'),
  },
  {
    name: 'substitute(date_of_birth) into date',
    type: 'date',
    rule: 'substitute(date_of_birth)',
    inputs: ['1980-01-01', '1990-05-05', '1980-01-01', '2001-12-31', null],
    check: inDictionary('date_of_birth'),
  },
  {
    name: 'substitute(uuid) into uuid',
    type: 'uuid',
    rule: 'substitute(uuid)',
    inputs: [
      '00000000-0000-0000-0000-000000000000',
      '6f1c2b9e-3c1a-4f7e-9a55-0c1f2e3d4b5a',
      '00000000-0000-0000-0000-000000000000',
      null,
    ],
    check: inDictionary('uuid'),
  },
  // Golden vectors: the index the emitted SQL picks equals the JS port of each hash mode.
  {
    name: 'substitute(email) picks portableHash(salt ‖ value) mod n',
    type: 'text',
    rule: 'substitute(email)',
    inputs: GOLDEN_WITH_NULL,
    expected: golden('email', GOLDEN_WITH_NULL, 'portable'),
  },
  {
    name: 'substitute(email) hash fast picks hashtextextended(value, seed) mod n',
    type: 'text',
    rule: 'substitute(email)',
    inputs: GOLDEN_WITH_NULL,
    hashMode: 'fast',
    expected: golden('email', GOLDEN_WITH_NULL, 'fast'),
  },
  {
    name: 'substitute(full_name) portable golden, other salt',
    type: 'text',
    rule: 'substitute(full_name)',
    inputs: GOLDEN_WITH_NULL,
    salt: OTHER_SALT,
    expected: golden('full_name', GOLDEN_WITH_NULL, 'portable', OTHER_SALT),
  },
  {
    name: 'substitute(full_name) fast golden, other salt',
    type: 'text',
    rule: 'substitute(full_name)',
    inputs: GOLDEN_WITH_NULL,
    salt: OTHER_SALT,
    hashMode: 'fast',
    expected: golden('full_name', GOLDEN_WITH_NULL, 'fast', OTHER_SALT),
  },
  {
    name: 'substitute(date_of_birth) into date, portable golden',
    type: 'date',
    rule: 'substitute(date_of_birth)',
    inputs: ['1980-01-01', '2024-02-29', null],
    expected: golden('date_of_birth', ['1980-01-01', '2024-02-29', null], 'portable'),
  },
  {
    name: 'substitute(uuid) into uuid, fast golden',
    type: 'uuid',
    rule: 'substitute(uuid)',
    inputs: ['6f1c2b9e-3c1a-4f7e-9a55-0c1f2e3d4b5a', null],
    hashMode: 'fast',
    expected: golden('uuid', ['6f1c2b9e-3c1a-4f7e-9a55-0c1f2e3d4b5a', null], 'fast'),
  },
];

// ---------------------------------------------------------------------------------------------
const SIMPLE_ROWS: StrategyRow[] = [
  {
    name: 'nullify text',
    type: 'text',
    rule: 'nullify',
    inputs: ['a', '', null],
    expected: [null, null, null],
  },
  {
    name: 'nullify integer',
    type: 'integer',
    rule: 'nullify',
    inputs: ['1', null],
    expected: [null, null],
  },
  { name: 'nullify date', type: 'date', rule: 'nullify', inputs: ['2024-01-01'], expected: [null] },
  {
    name: 'constant text, NULLs included',
    type: 'text',
    rule: 'constant(value: "x")',
    inputs: ['a', '', null],
    expected: ['x', 'x', 'x'],
  },
  {
    name: 'constant positional',
    type: 'text',
    rule: 'constant("y")',
    inputs: ['a', null],
    expected: ['y', 'y'],
  },
  {
    name: 'constant integer, NULLs included',
    type: 'integer',
    rule: 'constant(value: 7)',
    inputs: ['1', null],
    expected: ['7', '7'],
  },
  {
    name: 'keep text',
    type: 'text',
    rule: 'keep',
    inputs: ['Zoë 東京', '', null],
    expected: ['Zoë 東京', '', null],
  },
  {
    name: 'keep numeric(10,2)',
    type: 'numeric(10,2)',
    rule: 'keep',
    inputs: ['12.50', null],
    expected: ['12.50', null],
  },
  {
    name: 'keep timestamptz',
    type: 'timestamptz',
    rule: 'keep',
    inputs: ['2024-03-01 12:34:56.5+00', null],
    expected: ['2024-03-01 12:34:56.5+00', null],
  },
];

export const ROWS: readonly StrategyRow[] = [
  ...HASH_ROWS,
  ...REDACT_ROWS,
  ...PERTURB_ROWS,
  ...SUBSTITUTE_ROWS,
  ...SIMPLE_ROWS,
];
