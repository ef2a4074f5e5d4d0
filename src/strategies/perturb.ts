import type { ColumnInput, PgLowering, Problem, RuleInput, Strategy } from './strategy.js';

/** Noise resolution: the hash picks u in [-SCALE, SCALE], the shift is bound × u / SCALE. */
const SCALE = 1_000_000;

const NUMBER_KINDS = ['integer', 'decimal', 'float'];
const TIME_KINDS = ['date', 'timestamp', 'timestamptz'];

/**
 * Shifts numbers by up to ±pct % or ±abs, dates and times by up to ±days or ±seconds; the shift
 * comes from the keyed hash of the value, so the same value always moves the same way. Integers
 * stay integers and every column keeps its type.
 */
export const perturb: Strategy = {
  name: 'perturb',
  summary: 'shift numbers (pct, abs) or dates and times (days, seconds) by a keyed amount',
  params: {
    pct: { kind: 'number', min: 0, max: 1000 },
    abs: { kind: 'number', min: 0 },
    days: { kind: 'int', min: 0, max: 1_000_000 },
    seconds: { kind: 'int', min: 0, max: 1_000_000_000 },
  },
  keepsNull: true,
  distinctOutputs: 'never',
  check,
  lowerPostgres,
  lowerMongo: () => {
    // The numeric shift is decimal arithmetic rounded as PostgreSQL's numeric rounds; matching
    // it digit for digit needs Decimal128 work, and dates need BSON dates (issue 14).
    throw new Error('perturb has no MongoDB lowering yet');
  },
};

function boundName(rule: RuleInput): string | undefined {
  return ['pct', 'abs', 'days', 'seconds'].find((p) => rule.params[p] !== undefined);
}

function check(rule: RuleInput, column: ColumnInput): Problem[] {
  const given = ['pct', 'abs', 'days', 'seconds'].filter((p) => rule.params[p] !== undefined);
  if (given.length === 0)
    return [
      {
        code: 'MASQ015',
        message:
          'perturb needs one bound: pct or abs for numbers, days or seconds for dates and times',
      },
    ];
  if (given.length > 1)
    return [
      {
        code: 'MASQ014',
        message: `perturb takes one bound, got ${given.join(' and ')}`,
        param: given[1]!,
      },
    ];
  const bound = given[0]!;
  const numeric = bound === 'pct' || bound === 'abs';
  if (numeric && !NUMBER_KINDS.includes(column.category))
    return [
      {
        code: 'MASQ021',
        message: `perturb(${bound}) applies to numbers; "${column.name}" is ${column.type}`,
        param: bound,
      },
    ];
  if (!numeric && !TIME_KINDS.includes(column.category))
    return [
      {
        code: 'MASQ021',
        message: `perturb(${bound}) applies to dates and times; "${column.name}" is ${column.type}`,
        param: bound,
      },
    ];
  if (bound === 'seconds' && column.category === 'date')
    return [
      {
        code: 'MASQ021',
        message: `"${column.name}" is a date: perturb it by days, not seconds`,
        param: bound,
      },
    ];
  return [];
}

function lowerPostgres(rule: RuleInput, ctx: PgLowering): string {
  const bound = boundName(rule)!;
  const amount = Number(rule.params[bound]);
  const n = ctx.number(amount);
  const v = ctx.value;
  const h = ctx.keyedHash();
  if (bound === 'days' || bound === 'seconds') {
    const span = 2 * amount + 1;
    const shift = `(${ctx.hashMod(h, span)} - ${n})`;
    if (ctx.column.category === 'date') return `${v} + ${shift}::int`;
    return `${v} + make_interval(${bound === 'days' ? 'days' : 'secs'} => ${shift}::int)`;
  }
  const u = `(${ctx.hashMod(h, 2 * SCALE + 1)} - ${ctx.number(SCALE)})`;
  // numeric arithmetic is decimal (its division rounds at a scale PostgreSQL defines), so every
  // engine can reproduce the shift digit for digit; floats could not.
  const delta =
    bound === 'pct'
      ? `${v}::numeric * ${u} * ${n} / ${ctx.number(100 * SCALE)}`
      : `${u}::numeric * ${n} / ${ctx.number(SCALE)}`;
  const { category, type } = ctx.column;
  // A domain is pinned to its base type's range (its own CHECK is not known here).
  const base = ctx.column.domainOf ?? type;
  if (category === 'integer')
    return ctx.castToColumn(clamp(`${v} + round(${delta})`, INTEGER_RANGE[base]));
  // Infinity and NaN stay as they are: `x - x = 0` holds for every finite x and for no other.
  // Without it, a pct shift turns Infinity into NaN (∞ − ∞) and scale(NaN) is NULL.
  const finite = (shifted: string) => `CASE WHEN ${v} - ${v} = 0 THEN ${shifted} ELSE ${v} END`;
  // A real is shifted in float8, which has room above it; a float8 has none, so its shifted
  // value is made in numeric, pinned there, and only then turned back into a float8.
  if (category === 'float' && base === 'real')
    return finite(ctx.castToColumn(clamp(`${v} + (${delta})::float8`, REAL_MAX)));
  if (category === 'float')
    return finite(ctx.castToColumn(clamp(`${v}::numeric + ${delta}`, FLOAT8_MAX)));
  // Keep the value's own number of decimals: 12.50 stays two decimals, not twenty.
  return finite(ctx.castToColumn(clamp(`round(${v} + ${delta}, scale(${v}))`, numericRange(base))));
}

/** Largest magnitudes of the types a shift can overflow; the shifted value is pinned to them. */
const INTEGER_RANGE: Readonly<Record<string, number | bigint>> = {
  smallint: 32767,
  integer: 2147483647,
  bigint: 9223372036854775807n,
};
const REAL_MAX = '3.4028234663852886e38';
/** DBL_MAX, rounded down to the 17 digits that convert back to it. */
const FLOAT8_MAX = '1.7976931348623157e308';

/** `numeric(5,2)` holds at most ±999.99, `numeric(2,5)` ±0.00099, `numeric(2,-3)` ±99000. */
function numericRange(type: string): string | undefined {
  const m = /^numeric\((\d+),(-?\d+)\)$/.exec(type);
  if (!m) return undefined;
  const [precision, scale] = [Number(m[1]), Number(m[2])];
  const nines = '9'.repeat(precision);
  if (scale <= 0) return nines + '0'.repeat(-scale);
  if (scale >= precision) return `0.${'0'.repeat(scale - precision)}${nines}`;
  return `${nines.slice(0, precision - scale)}.${nines.slice(precision - scale)}`;
}

/**
 * A value near the end of its type's range (a sentinel like 2147483647) would otherwise fail
 * the whole batch with "out of range"; the lower bound of two's complement types is one
 * further, which the symmetric clamp gives up for simplicity.
 */
function clamp(x: string, max: number | bigint | string | undefined): string {
  return max === undefined ? x : `least(greatest(${x}, -${max}), ${max})`;
}
