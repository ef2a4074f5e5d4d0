import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from '../src/db/connection.js';
import { packageRoot } from '../src/util/package-root.js';

export const SOURCE_SCHEMA = 'bench';
export const TARGET_SCHEMA = 'bench_masked';
export const TABLE = 'customers';

const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Zoë',
  'José',
  'Ana',
  'Björn',
  'Søren',
  'Chloé',
  'Łukasz',
  'Mei',
  'Hiroshi',
  'Fatima',
  'Olusegun',
  'Priya',
  'Ahmed',
  'Ingrid',
  'Pierre',
  'Giulia',
  'Noah',
  'Emma',
  'Liam',
  'Olivia',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  "O'Brien",
  'Müller',
  'Schmidt',
  'Nowak',
  'Kowalski',
  'Rossi',
  'Dubois',
  'Tanaka',
  'Kim',
  'Nguyen',
  'Okafor',
  'Silva',
  'Andersson',
  'Jensen',
  'Novak',
  'Horvat',
  'Popescu',
  'Ivanova',
  'Cohen',
  'Khan',
  'Singh',
  'Ali',
  'Costa',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Hoffmann',
];
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'NL', 'ES', 'IT', 'PL', 'SE', 'CA', 'JP', 'BR'];

const textArray = (values: readonly string[]) =>
  `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * The demo shop's customers table (src/demo/shop-schema.sql) in schema `bench`, filled with
 * `rows` rows by one INSERT…SELECT in the database: 1M rows take seconds, not minutes of
 * client round trips. Values are derived from the row number, so every build is the same.
 * A table already holding exactly `rows` rows is reused.
 */
export async function buildSource(conn: Connection, rows: number): Promise<'built' | 'reused'> {
  const existing = await conn
    .query<{ n: string | null }>(
      `SELECT (SELECT count(*) FROM ${SOURCE_SCHEMA}.${TABLE})::text AS n
     WHERE to_regclass('${SOURCE_SCHEMA}.${TABLE}') IS NOT NULL`,
    )
    .catch(() => ({ rows: [] as { n: string | null }[] }));
  if (Number(existing.rows[0]?.n) === rows) return 'reused';

  const ddl = readFileSync(join(packageRoot(), 'src', 'demo', 'shop-schema.sql'), 'utf8');
  await conn.exec(
    `DROP SCHEMA IF EXISTS ${SOURCE_SCHEMA} CASCADE; CREATE SCHEMA ${SOURCE_SCHEMA};` +
      ddl.replaceAll('public.', `${SOURCE_SCHEMA}.`),
  );
  await conn.exec(`
    INSERT INTO ${SOURCE_SCHEMA}.${TABLE}
      (id, username, email, full_name, phone, ssn, salary, birth_date, device_id, notes, country, created_at)
    SELECT i,
      lower(f) || CASE WHEN i % 2 = 0 THEN '_' ELSE '.' END || lower(l) || (i % 997),
      CASE WHEN i % 50 = 0 THEN NULL ELSE lower(f || '.' || l || '.' || i || '@shop.example') END,
      f || ' ' || l,
      format('(%s) %s-%s', 200 + i % 800, lpad((i * 7 % 1000)::text, 3, '0'), lpad((i * 13 % 10000)::text, 4, '0')),
      format('%s-%s-%s', 100 + i % 900, lpad((i * 3 % 100)::text, 2, '0'), lpad((i * 11 % 10000)::text, 4, '0')),
      CASE WHEN i % 40 = 0 THEN NULL ELSE round(20000 + (i * 7919 % 180000) + (i % 100) / 100.0, 2) END,
      CASE WHEN i % 30 = 0 THEN NULL ELSE date '1940-01-01' + (i * 37 % 25000)::int END,
      substr(md5(i::text), 1, 16),
      CASE WHEN i % 3 = 0 THEN NULL ELSE 'Called about order ' || (i * 31 % 100000) || ', wants a refund' END,
      (${textArray(COUNTRIES)})[1 + (i % ${COUNTRIES.length})::int],
      timestamptz '2015-01-01 00:00:00+00' + make_interval(secs => (i * 277 % 300000000)::int)
    FROM generate_series(1::bigint, ${rows}) AS i,
      LATERAL (SELECT (${textArray(FIRST)})[1 + (i % ${FIRST.length})::int] AS f,
                      (${textArray(LAST)})[1 + ((i / ${FIRST.length}) % ${LAST.length})::int] AS l) AS n;
    ANALYZE ${SOURCE_SCHEMA}.${TABLE};
  `);
  return 'built';
}

/** Bytes of the source table's rows (heap, not indexes): the MB in MB/s. */
export async function sourceBytes(conn: Connection): Promise<number> {
  const r = await conn.query<{ b: string }>(
    `SELECT pg_relation_size('${SOURCE_SCHEMA}.${TABLE}')::text AS b`,
  );
  return Number(r.rows[0]!.b);
}

/** Drops what the previous contender wrote, so each run starts from an empty target. */
export async function resetTarget(conn: Connection): Promise<void> {
  await conn.exec(`DROP SCHEMA IF EXISTS ${TARGET_SCHEMA} CASCADE`);
}

/** Row count and md5 of the target's rows in key order: equal digests, equal tables. */
export async function targetDigest(conn: Connection): Promise<string> {
  const r = await conn.query<{ d: string }>(
    `SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY id)), 'none') AS d
     FROM ${TARGET_SCHEMA}.${TABLE} AS t`,
  );
  return r.rows[0]!.d;
}
