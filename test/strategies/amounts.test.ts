import { describe, expect, it } from 'vitest';
import { literal, number } from '../../src/emit/postgres/quote.js';
import { perturb } from '../../src/strategies/perturb.js';
import type { PgLowering } from '../../src/strategies/strategy.js';

const lowering = (type: string, category: 'decimal' | 'date'): PgLowering => ({
  value: 's."v"',
  column: { name: 'v', type, category },
  hashMode: 'fast',
  keyedHash: () => 'h',
  uniqueBits: () => 'u',
  suffix: () => "'s'",
  secret: () => 'salt',
  dictionary: () => ({ size: 1, pick: () => "'x'" }),
  literal,
  number,
  hashMod: (hash, n) => `${hash} % ${number(n)}`,
  castToColumn: (expr) => `${expr}::${type}`,
});

describe('amounts in generated SQL', () => {
  it.each([Infinity, -Infinity, NaN])('number() refuses %s', (n) => {
    expect(() => number(n)).toThrow(/cannot write/);
  });

  it.each([
    ['abs', 'numeric(10,2)', 'decimal'],
    ['pct', 'numeric(10,2)', 'decimal'],
    ['days', 'date', 'date'],
  ] as const)('perturb(%s) never writes a non-finite amount into SQL', (bound, type, category) => {
    const rule = { params: { [bound]: Infinity }, unique: false };
    expect(() => perturb.lowerPostgres(rule, lowering(type, category))).toThrow(/cannot write/);
  });

  it('a finite amount is written as itself', () => {
    const sql = perturb.lowerPostgres(
      { params: { abs: 2.5 }, unique: false },
      lowering('numeric', 'decimal'),
    );
    expect(sql).toContain('* 2.5 /');
  });
});
