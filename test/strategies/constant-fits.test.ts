import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypeCategory } from '../../src/catalog/snapshot.js';
import type { Connection } from '../../src/db/connection.js';
import { literal } from '../../src/emit/postgres/quote.js';
import { constantMisfit } from '../../src/strategies/constant-fits.js';
import { ENGINES } from '../support/engines.js';

interface Column {
  type: string;
  category: TypeCategory;
  maxLength?: number;
}
const col = (type: string, category: TypeCategory, maxLength?: number): Column =>
  maxLength === undefined ? { type, category } : { type, category, maxLength };

const INT = col('integer', 'integer');
const SMALL = col('smallint', 'integer');
const BIG = col('bigint', 'integer');
const NUM = col('numeric(5,2)', 'decimal');
const NUM_NEG = col('numeric(2,-3)', 'decimal');
const NUM_TINY = col('numeric(2,5)', 'decimal');
const REAL = col('real', 'float');
const BOOL = col('boolean', 'boolean');
const DATE = col('date', 'date');
const TS = col('timestamp without time zone', 'timestamp');
const TSTZ = col('timestamp with time zone', 'timestamptz');
const UUID = col('uuid', 'uuid');
const VARCHAR = col('character varying(3)', 'text', 3);
const CHAR = col('character(2)', 'text', 2);
const INET = col('inet', 'inet');
const JSONB = col('jsonb', 'json');

/** [column, value, fits]: what masq must say of a constant before any database sees it. */
const CASES: readonly [Column, string, boolean][] = [
  [INT, '42', true],
  [INT, ' -7 ', true],
  [INT, 'abc', false],
  [INT, '2.5', false],
  [INT, 'true', false],
  [INT, '2147483647', true],
  [INT, '2147483648', false],
  [SMALL, '32768', false],
  [SMALL, '-32768', true],
  [BIG, '9223372036854775807', true],
  [BIG, '9223372036854775808', false],
  [NUM, '999.99', true],
  [NUM, '999.994', true],
  [NUM, '999.995', false],
  [NUM, '1000', false],
  [NUM, '-12.5e1', true],
  [NUM, '1e3', false],
  [NUM, 'twelve', false],
  [NUM_NEG, '99000', true],
  [NUM_NEG, '99499', true],
  [NUM_NEG, '99500', false],
  [NUM_TINY, '0.00099', true],
  [NUM_TINY, '0.001', false],
  [REAL, '1.5', true],
  [REAL, 'NaN', true],
  [REAL, '1e39', false],
  [REAL, 'x', false],
  [BOOL, 'true', true],
  [BOOL, 'of', true],
  [BOOL, 'YES', true],
  [BOOL, 'o', false],
  [BOOL, 'maybe', false],
  [DATE, '2024-02-29', true],
  [DATE, '2023-02-29', false],
  [DATE, '2024-13-01', false],
  [DATE, 'infinity', true],
  [DATE, 'soon', false],
  [TS, '2024-01-02 03:04:05.678', true],
  [TS, '2024-01-02T03:04', true],
  [TS, '2024-01-02 25:00:00', false],
  [TSTZ, '2024-01-02 03:04:05+02:00', true],
  [TSTZ, '2024-01-02 03:04:05Z', true],
  [TSTZ, 'yesterday-ish', false],
  [UUID, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true],
  [UUID, '{a0eebc999c0b4ef8bb6d6bb9bd380a11}', true],
  [UUID, 'a0eebc99-9c0b-4ef8-bb6d', false],
  [VARCHAR, 'abc', true],
  [VARCHAR, 'abc   ', true],
  [VARCHAR, 'abcd', false],
  [VARCHAR, 'äöü', true],
  [CHAR, 'abc', false],
  [INET, '10.0.0.1/8', true],
  [INET, '::1', true],
  [INET, '10.0.0.256', false],
  [INET, '10.0.0.1/33', false],
  [JSONB, '{"a": 1}', true],
  [JSONB, '{a: 1}', false],
];

describe('constants checked against the column type, offline', () => {
  it.each(CASES)('%j: %j fits: %s', (column, value, fits) => {
    expect(constantMisfit(value, { name: 'c', ...column }) === undefined).toBe(fits);
  });
});

// What masq accepts, PostgreSQL must accept: the run casts the same text to the same type.
// (masq may refuse more: non-ISO dates, and varchar values an explicit cast would cut.)
describe.each(ENGINES)('every constant masq accepts, PostgreSQL accepts ($name)', (engine) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await engine.open();
  });
  afterAll(() => conn.close());

  it.each(CASES.filter(([, , fits]) => fits))('%j: %j', async (column, value) => {
    const r = await conn.query<{ v: string }>(
      `SELECT (${literal(value)}::${column.type})::text AS v`,
    );
    expect(r.rows).toHaveLength(1);
  });

  it.each(CASES.filter(([c, , fits]) => !fits && c.maxLength === undefined))(
    '%j: %j is refused by PostgreSQL too',
    async (column, value) => {
      await expect(
        conn.query(`SELECT (${literal(value)}::${column.type})::text`),
      ).rejects.toThrow();
    },
  );
});
