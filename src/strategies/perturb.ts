import type { ColumnInput, PgLowering, Problem, RuleInput, Strategy } from './strategy.js';
import { pgHashMod } from './strategy.js';

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
  const v = ctx.value;
  const h = ctx.keyedHash();
  if (bound === 'days' || bound === 'seconds') {
    const span = 2 * amount + 1;
    const shift = `(${pgHashMod(h, span)} - ${amount})`;
    if (ctx.column.category === 'date') return `${v} + ${shift}::int`;
    return `${v} + make_interval(${bound === 'days' ? 'days' : 'secs'} => ${shift}::int)`;
  }
  const u = `(${pgHashMod(h, 2 * SCALE + 1)} - ${SCALE})`;
  // numeric arithmetic is exact, so every engine can reproduce the shift digit for digit.
  const delta =
    bound === 'pct'
      ? `${v}::numeric * ${u} * ${amount} / ${100 * SCALE}`
      : `${u}::numeric * ${amount} / ${SCALE}`;
  switch (ctx.column.category) {
    case 'integer':
      return `(${v} + round(${delta}))::${ctx.column.type}`;
    case 'float':
      return `(${v} + (${delta})::float8)::${ctx.column.type}`;
    default:
      // Keep the value's own number of decimals: 12.50 stays two decimals, not twenty.
      return `round(${v} + ${delta}, scale(${v}))::${ctx.column.type}`;
  }
}
