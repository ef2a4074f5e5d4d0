import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { ENGINES } from '../support/engines.js';
import { maskValues } from '../support/mask-values.js';
import { micros } from './strategy-rows.js';

/**
 * perturb must move values, not only keep them in bounds: a perturb that returned its input
 * passed every bound check. Over many distinct values of every type perturb takes, nearly all
 * must change, the shifts must use the bound (both signs, a mean near half of it, as a uniform
 * keyed shift gives), stay within it, and repeat exactly on a second run.
 */
interface MoveCase {
  readonly type: string;
  readonly rule: string;
  readonly values: readonly string[];
  /** The signed shift of one value, in the unit of `bound`. */
  readonly shift: (out: string, input: string) => number;
  /** The largest allowed |shift| of this input. */
  readonly bound: (input: string) => number;
  /** The least share of values that must change: 1 − P(the keyed shift is 0), with margin. */
  readonly minMoved: number;
}

const N = 200;
const ints = Array.from({ length: N }, (_, i) => String(10_000 + i * 7919));
const decimals = ints.map((v, i) => `${v}.${String(i % 100).padStart(2, '0')}`);
const floats = ints.map((v, i) => `${v}.${(i * 37) % 1000}`);
const day = (i: number) => new Date(Date.UTC(1990, 0, 1) + i * 86_400_000 * 11);
const dates = Array.from({ length: N }, (_, i) => day(i).toISOString().slice(0, 10));
const stamps = Array.from({ length: N }, (_, i) =>
  new Date(day(i).getTime() + ((i * 7_777_777) % 86_400_000))
    .toISOString()
    .replace('T', ' ')
    .replace('Z', ''),
);
const stampsTz = stamps.map((s) => `${s}+00`);

const relative = (pct: number) => (input: string) => (Math.abs(Number(input)) * pct) / 100;
const numberShift = (out: string, input: string) => Number(out) - Number(input);
const timeShift = (unitMicros: bigint) => (out: string, input: string) =>
  Number(micros(out) - micros(input)) / Number(unitMicros);
const DAY = 86_400_000_000n;
const SECOND = 1_000_000n;

const CASES: readonly MoveCase[] = [
  {
    type: 'integer',
    rule: 'perturb(pct: 10)',
    values: ints,
    shift: numberShift,
    bound: (v) => Math.round(relative(10)(v)),
    minMoved: 0.97,
  },
  {
    type: 'bigint',
    rule: 'perturb(abs: 500)',
    values: ints,
    shift: numberShift,
    bound: () => 500,
    minMoved: 0.97,
  },
  {
    type: 'numeric(14,2)',
    rule: 'perturb(pct: 10)',
    values: decimals,
    shift: numberShift,
    bound: (v) => relative(10)(v) + 0.005,
    minMoved: 0.97,
  },
  {
    type: 'real',
    rule: 'perturb(pct: 10)',
    values: floats,
    shift: numberShift,
    bound: (v) => relative(10)(v) * (1 + 1e-6),
    minMoved: 0.97,
  },
  {
    type: 'double precision',
    rule: 'perturb(pct: 10)',
    values: floats,
    shift: numberShift,
    bound: (v) => relative(10)(v) * (1 + 1e-12),
    minMoved: 0.97,
  },
  {
    type: 'double precision',
    rule: 'perturb(abs: 25)',
    values: floats,
    shift: numberShift,
    bound: () => 25 * (1 + 1e-12),
    minMoved: 0.97,
  },
  {
    type: 'date',
    rule: 'perturb(days: 30)',
    values: dates,
    shift: timeShift(DAY),
    bound: () => 30,
    minMoved: 0.9,
  },
  {
    type: 'timestamp',
    rule: 'perturb(days: 30)',
    values: stamps,
    shift: timeShift(DAY),
    bound: () => 30,
    minMoved: 0.9,
  },
  {
    type: 'timestamp',
    rule: 'perturb(seconds: 3600)',
    values: stamps,
    shift: timeShift(SECOND),
    bound: () => 3600,
    minMoved: 0.97,
  },
  {
    type: 'timestamptz',
    rule: 'perturb(days: 30)',
    values: stampsTz,
    shift: timeShift(DAY),
    bound: () => 30,
    minMoved: 0.9,
  },
  {
    type: 'timestamptz',
    rule: 'perturb(seconds: 3600)',
    values: stampsTz,
    shift: timeShift(SECOND),
    bound: () => 3600,
    minMoved: 0.97,
  },
];

for (const engine of ENGINES) {
  describe(`perturb moves values, on ${engine.name}`, () => {
    let conn: Connection;
    beforeAll(async () => {
      conn = await engine.open();
    });
    afterAll(async () => {
      await conn?.close();
    });

    for (const c of CASES) {
      it(`${c.type}: ${c.rule} moves ${N} distinct values within the bound, the same way twice`, async () => {
        // Every value twice: the same input must move the same way within one run, too.
        const values = [...c.values, ...c.values];
        const out = await maskValues(conn, { type: c.type, rule: c.rule, values, salt: 'moves' });
        const again = await maskValues(conn, { type: c.type, rule: c.rule, values, salt: 'moves' });
        expect(again).toEqual(out);
        expect(out.slice(N)).toEqual(out.slice(0, N));

        const shares = c.values.map((v, i) => {
          const shift = c.shift(out[i]!, v);
          const bound = c.bound(v);
          expect(Math.abs(shift), `${v} → ${out[i]} beyond ±${bound}`).toBeLessThanOrEqual(bound);
          return bound === 0 ? 0 : shift / bound;
        });
        const moved = c.values.filter((v, i) => out[i] !== v && c.shift(out[i]!, v) !== 0).length;
        expect(moved / N, `${moved} of ${N} values moved`).toBeGreaterThanOrEqual(c.minMoved);
        // A uniform shift over [−bound, bound]: about half each way, |shift| about half the bound.
        const up = shares.filter((s) => s > 0).length / N;
        const down = shares.filter((s) => s < 0).length / N;
        expect(up, 'share moved up').toBeGreaterThan(0.35);
        expect(down, 'share moved down').toBeGreaterThan(0.35);
        const meanAbs = shares.reduce((a, s) => a + Math.abs(s), 0) / N;
        expect(meanAbs, 'mean |shift| / bound').toBeGreaterThan(0.35);
        expect(meanAbs, 'mean |shift| / bound').toBeLessThan(0.65);
      });
    }
  });
}
