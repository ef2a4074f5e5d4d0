import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { introspect } from '../../src/catalog/introspect.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import { ENGINES } from '../support/engines.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';

/** Shapes that broke other tools' copies: identity, generated, serial, no key, partitions. */
const SOURCE = `
CREATE TABLE src.with_identity (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
INSERT INTO src.with_identity (name) SELECT 'n' || g FROM generate_series(1, 2500) g;
CREATE TABLE src.with_generated (id int PRIMARY KEY, first text, last text,
  full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED);
INSERT INTO src.with_generated (id, first, last) SELECT g, 'First' || g, 'Last' || g FROM generate_series(1, 1200) g;
CREATE TABLE src.with_serial (id serial PRIMARY KEY, v text);
INSERT INTO src.with_serial (v) SELECT 'v' || g FROM generate_series(1, 1500) g;
CREATE TABLE src.no_key (a text, b int);
INSERT INTO src.no_key SELECT 'a' || (g % 7), g % 13 FROM generate_series(1, 2600) g;
CREATE TABLE src.parted (id int NOT NULL, created date NOT NULL, secret text, PRIMARY KEY (id, created)) PARTITION BY RANGE (created);
CREATE TABLE src.parted_2023 PARTITION OF src.parted FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE src.parted_2024 PARTITION OF src.parted FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
INSERT INTO src.parted SELECT g, DATE '2023-01-01' + (g % 700), 's' || g FROM generate_series(1, 3000) g;
CREATE TABLE src.parted_no_key (v text) PARTITION BY LIST (v);
CREATE TABLE src.parted_no_key_a PARTITION OF src.parted_no_key FOR VALUES IN ('a');
CREATE TABLE src.parted_no_key_b PARTITION OF src.parted_no_key FOR VALUES IN ('b');
INSERT INTO src.parted_no_key SELECT CASE WHEN g % 3 = 0 THEN 'a' ELSE 'b' END FROM generate_series(1, 2100) g;
`;

const SPEC = `
source postgres env(SOURCE_URL) schema src
target postgres env(TARGET_URL) schema dst
batch 1000
default keep
table with_identity { name redact }
table with_generated { first substitute(first_name)  last substitute(last_name) }
table with_serial { v hash_salt }
table no_key { a redact }
table parted { secret nullify }
table parted_no_key { }
`;

for (const engine of ENGINES) {
  describe(`table shapes, on ${engine.name}`, () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await createTestDatabase(engine.name);
      await db.conn.exec('CREATE SCHEMA src;' + SOURCE);
      const { spec, diagnostics } = parseMasq(SPEC, 'shapes.masq');
      expect(diagnostics).toEqual([]);
      const result = analyze(spec!, await introspect(db.conn, 'src'), 'shapes');
      expect(result.diagnostics).toEqual([]);
      await runPostgres(buildProgram(result.plan!), {
        source: db.conn,
        target: db.conn,
        secrets: ['salt'],
      });
    });
    afterAll(() => db?.dispose());

    const count = async (table: string) =>
      Number(
        (await db.conn.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]!.n,
      );

    it('copies an identity column GENERATED ALWAYS with its values, and moves its sequence on', async () => {
      expect(await tableDigest(db.conn, '(SELECT id FROM dst.with_identity)')).toBe(
        await tableDigest(db.conn, '(SELECT id FROM src.with_identity)'),
      );
      const r = await db.conn.query<{ id: number }>(
        "INSERT INTO dst.with_identity (name) VALUES ('new') RETURNING id",
      );
      expect(r.rows[0]!.id).toBe(2501);
    });

    it('recomputes generated columns from the masked values', async () => {
      const r = await db.conn.query<{ bad: string; leaked: string }>(
        `SELECT count(*) FILTER (WHERE full_name <> first || ' ' || last)::text AS bad,
                count(*) FILTER (WHERE full_name LIKE 'First%')::text AS leaked FROM dst.with_generated`,
      );
      expect(r.rows[0]).toEqual({ bad: '0', leaked: '0' });
      expect(await count('dst.with_generated')).toBe(1200);
    });

    it('gives a serial column its own sequence in the target, past the copied ids', async () => {
      const def = await db.conn.query<{ d: string }>(
        "SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = 'dst.with_serial'::regclass",
      );
      expect(def.rows[0]!.d).toContain('dst.with_serial_id_seq');
      const r = await db.conn.query<{ id: number }>(
        "INSERT INTO dst.with_serial (v) VALUES ('new') RETURNING id",
      );
      expect(r.rows[0]!.id).toBe(1501);
      const sourceNext = await db.conn.query<{ id: number }>(
        "INSERT INTO src.with_serial (v) VALUES ('new') RETURNING id",
      );
      expect(sourceNext.rows[0]!.id).toBe(1501);
    });

    it('copies a table without a key completely, in batches by row address', async () => {
      expect(await count('dst.no_key')).toBe(2600);
      const multiset = (schema: string) =>
        tableDigest(db.conn, `(SELECT b, count(*) FROM ${schema}.no_key GROUP BY b)`, 'b');
      expect(await multiset('dst')).toBe(await multiset('src'));
    });

    it('copies partitioned tables, with and without a key', async () => {
      expect(await count('dst.parted')).toBe(3000);
      expect(await count('dst.parted WHERE secret IS NOT NULL')).toBe(0);
      expect(await count('dst.parted_no_key')).toBe(2100);
      expect(await count("dst.parted_no_key WHERE v = 'a'")).toBe(700);
    });
  });
}
