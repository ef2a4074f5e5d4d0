import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { dictionaryOf } from '../../src/strategies/dictionaries.js';
import { fittedDictionary } from '../../src/strategies/fitted-dictionary.js';
import {
  collisionBound,
  SUFFIX_ALPHABET,
  suffixText,
  withSuffix,
} from '../../src/strategies/unique-suffix.js';
import { suffixSql } from '../../src/emit/postgres/unique-suffix-sql.js';
import { ENGINES } from '../support/engines.js';
import { maskValues } from '../support/mask-values.js';

describe('the unique suffix', () => {
  it('spells 60 bits in 12 distinct-looking characters, most significant first', () => {
    expect(SUFFIX_ALPHABET).toHaveLength(32);
    expect(new Set(SUFFIX_ALPHABET).size).toBe(32);
    expect(SUFFIX_ALPHABET).not.toMatch(/[ilou]/);
    expect(suffixText(0n)).toBe('000000000000');
    expect(suffixText(31n)).toBe('00000000000z');
    expect(suffixText(32n)).toBe('000000000010');
    expect(suffixText((1n << 60n) - 1n)).toBe('zzzzzzzzzzzz');
    // Bits above the 60th are not read: a negative 64-bit hash spells its low 60 bits.
    expect(suffixText(-1n)).toBe('zzzzzzzzzzzz');
  });

  it('goes before the @ of an address, after anything else', () => {
    expect(withSuffix('Ann.Lee@example.com', 'abc', 'local-part')).toBe('Ann.Lee.abc@example.com');
    expect(withSuffix('Acme Inc', 'abc', 'append')).toBe('Acme Inc-abc');
  });

  it('bounds a collision among 10^8 values: 4.3e-6 for a full dictionary, the numbers as stated', () => {
    const full = collisionBound(dictionaryOf('email'), 1e8);
    // (10^8)² / 2 pairs × 1/1000 for one entry × 2^-60 for one suffix.
    expect(full).toBeCloseTo((1e16 / 2) * (1 / 1000) * 2 ** -60, 12);
    expect(full).toBeLessThan(5e-6);
    // A fitted dictionary repeats entries: the bound grows with Σ p², still small.
    const narrow = collisionBound(fittedDictionary('company', 27)!, 1e8);
    expect(narrow).toBeGreaterThan(full);
    expect(narrow).toBeLessThan(1e-5);
  });
});

for (const engine of ENGINES)
  describe(`the unique suffix on ${engine.name}`, () => {
    let conn: Connection;
    beforeAll(async () => {
      conn = await engine.open();
    });
    afterAll(() => conn.close());

    it('is spelled by the SQL as in-process, for bits of every sign and size', async () => {
      const samples = [0n, 1n, 31n, 32n, (1n << 60n) - 1n, 1n << 59n, -1n, -(1n << 63n)];
      for (let i = 0n; i < 40n; i++) samples.push((i * 0x9e3779b97f4a7c15n) % (1n << 63n));
      const r = await conn.query<{ s: string }>(
        `SELECT ${suffixSql('b')} AS s FROM unnest($1::bigint[]) WITH ORDINALITY AS u(b, i) ORDER BY i`,
        [samples.map(String)],
      );
      expect(r.rows.map((x) => x.s)).toEqual(samples.map(suffixText));
    });

    // Every value of at most 2 characters over [a-z0-9] (3 on the server, where it is fast): a
    // dense domain of near-identical inputs, masked into a varchar(20) to distinct values.
    it('masks every value of a small width to distinct values', async () => {
      const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
      let values = [''];
      for (let width = 1; width <= (engine.name === 'server' ? 3 : 2); width++)
        values = [
          ...values,
          ...values
            .filter((v) => v.length === width - 1)
            .flatMap((v) => [...alphabet].map((c) => v + c)),
        ];
      for (const hashMode of ['portable', 'fast'] as const) {
        const out = await maskValues(conn, {
          type: 'varchar(20)',
          rule: 'substitute(last_name) unique',
          values,
          salt: 'domain-salt',
          hashMode,
        });
        expect(new Set(out).size, hashMode).toBe(values.length);
        expect(Math.max(...out.map((v) => v!.length))).toBeLessThanOrEqual(20);
      }
    });
  });
