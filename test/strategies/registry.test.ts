import { describe, expect, it } from 'vitest';
import { STRATEGIES } from '../../src/strategies/registry.js';
import { ROWS, strategyOf } from './strategy-rows.js';

describe('the strategy registry', () => {
  const strategies = [...STRATEGIES];

  it('registers strategies under their own names', () => {
    expect(strategies.length).toBeGreaterThan(0);
    for (const [key, strategy] of strategies) expect(strategy.name).toBe(key);
  });

  it.each(strategies.map(([name, s]) => [name, s] as const))(
    '%s has a name, a summary and a PostgreSQL lowering',
    (_name, s) => {
      expect(s.name).toMatch(/^[a-z_]+$/);
      expect(s.summary.trim().length).toBeGreaterThan(0);
      expect(typeof s.lowerPostgres).toBe('function');
      expect(typeof s.check).toBe('function');
    },
  );

  it('has every strategy exercised by the strategy table', () => {
    const exercised = new Set(ROWS.map((r) => strategyOf(r.rule)));
    const missing = [...STRATEGIES.keys()].filter((name) => !exercised.has(name));
    expect(missing).toEqual([]);
  });

  it('has no table row naming a strategy the registry lacks', () => {
    const unknown = ROWS.map((r) => strategyOf(r.rule)).filter((name) => !STRATEGIES.has(name));
    expect(unknown).toEqual([]);
  });
});
