import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { openPgServer } from '../../src/db/pg-server.js';
import { createShop } from '../../src/demo/shop-data.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { ident } from '../../src/emit/postgres/quote.js';
import { renderScript } from '../../src/emit/postgres/script.js';
import { MasqError } from '../../src/exec/errors.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import type { Plan } from '../../src/ir/plan.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { describeNeeding, ENGINES, NO_SERVER } from '../support/engines.js';
import { NO_PSQL } from '../support/needs.js';
import { compileShop, SALT } from '../support/shop.js';

const SIZE = { customers: 300, orders: 900 } as const;
/** A bookkeeping schema whose name needs quoting in every statement, and holds a `$$`. */
const ODD = `masq's $$ "notes"`;

/** Every object in `schema` whose name says masq: relations, functions, types. */
async function masqObjectsIn(conn: Connection, schema: string): Promise<string[]> {
  const r = await conn.query<{ name: string }>(
    `WITH n AS (SELECT oid FROM pg_namespace WHERE nspname = $1)
     SELECT relname::text AS name FROM pg_class, n WHERE relnamespace = n.oid AND relname ILIKE '%masq%'
     UNION ALL SELECT proname::text FROM pg_proc, n WHERE pronamespace = n.oid AND proname ILIKE '%masq%'
     UNION ALL SELECT typname::text FROM pg_type, n WHERE typnamespace = n.oid AND typname ILIKE '%masq%'`,
    [schema],
  );
  return r.rows.map((row) => row.name).sort();
}

async function relationsIn(conn: Connection, schema: string): Promise<string[]> {
  const r = await conn.query<{ name: string }>(
    `SELECT relname::text AS name FROM pg_class JOIN pg_namespace n ON n.oid = relnamespace
     WHERE nspname = $1 AND relkind IN ('r', 'v') ORDER BY 1`,
    [schema],
  );
  return r.rows.map((row) => row.name);
}

async function rejection(run: Promise<unknown>): Promise<MasqError> {
  const e = await run.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MasqError);
  return e as MasqError;
}

for (const engine of ENGINES) {
  describe(`masq's bookkeeping lives in a schema of its own, on ${engine.name}`, () => {
    let db: TestDatabase;
    let plan: Plan;
    const into = (schema: string, bookkeeping = 'masq'): Plan => ({
      ...plan,
      target: { ...plan.target, schema },
      bookkeeping: { schema: bookkeeping },
    });
    const run = (p: Plan) =>
      runPostgres(buildProgram(p), { source: db.conn, target: db.conn, secrets: [SALT] });
    const reset = () =>
      db.conn.exec(
        `DROP SCHEMA IF EXISTS masked CASCADE; DROP SCHEMA IF EXISTS masked_b CASCADE;
         DROP SCHEMA IF EXISTS masq CASCADE; DROP SCHEMA IF EXISTS ${ident(ODD)} CASCADE`,
      );

    beforeAll(async () => {
      db = await createTestDatabase(engine.name);
      await createShop(db.conn, SIZE);
      plan = await compileShop(db.conn, { batchSize: 250 });
    });
    afterAll(() => db?.dispose());

    it('leaves nothing named masq in the target schema; the progress is in masq', async () => {
      await reset();
      await run(into('masked'));
      expect(await masqObjectsIn(db.conn, 'masked')).toEqual([]);
      expect(await relationsIn(db.conn, 'masked')).toEqual(['customers', 'orders']);
      expect(await relationsIn(db.conn, 'masq')).toEqual(['progress', 'progress_log']);
      const done = await db.conn.query<{ table_name: string; finished: boolean }>(
        `SELECT table_name, finished FROM masq.progress WHERE target_schema = 'masked' ORDER BY 1`,
      );
      expect(done.rows).toEqual([
        { table_name: 'customers', finished: true },
        { table_name: 'orders', finished: true },
      ]);
    });

    it('keeps two target schemas of one database apart: each resumes its own progress', async () => {
      await reset();
      const a = into('masked');
      const b = into('masked_b');
      await run(a);
      const first = await run(b);
      expect(first.tables.map((t) => t.skipped)).toEqual([false, false]);
      // Each plan finds its own tables finished, not the other's progress.
      for (const p of [a, b]) {
        const again = await run(p);
        expect(again.tables.map((t) => t.skipped)).toEqual([true, true]);
      }
      // A table re-created in one schema is filled again there; the other keeps its progress.
      await db.conn.exec('DROP TABLE masked_b.orders');
      const refilled = await run(b);
      expect(refilled.tables.map((t) => t.skipped)).toEqual([true, false]);
      expect((await run(a)).tables.map((t) => t.skipped)).toEqual([true, true]);
      for (const t of ['customers', 'orders'])
        expect(await tableDigest(db.conn, `masked_b.${t}`)).toBe(
          await tableDigest(db.conn, `masked.${t}`),
        );
    });

    it('uses the bookkeeping schema the plan names, however it must be quoted', async () => {
      await reset();
      const odd = into('masked', ODD);
      await run(odd);
      expect(await relationsIn(db.conn, ODD)).toEqual(['progress', 'progress_log']);
      expect(await relationsIn(db.conn, 'masq')).toEqual([]);
      expect((await run(odd)).tables.map((t) => t.skipped)).toEqual([true, true]);
    });

    it('refuses a target schema holding the progress of an earlier version, and its advice works', async () => {
      await reset();
      // What the previous layout left: the log and its view in the target schema, a table filled.
      await db.conn.exec(
        `CREATE SCHEMA masked; CREATE TABLE masked._masq_progress_log (seq bigint, table_name text);
         CREATE VIEW masked._masq_progress AS SELECT * FROM masked._masq_progress_log;
         CREATE TABLE masked.orders AS SELECT 1 AS id`,
      );
      const refused = await rejection(run(into('masked')));
      expect(refused.exitCode).toBe(2);
      expect(refused.message).toMatch(/progress of an earlier masq version/);
      expect(await relationsIn(db.conn, 'masq')).toEqual([]);
      const advice = /\((DROP TABLE IF EXISTS .*;)\) and run again/.exec(refused.message)?.[1];
      expect(advice).toBeDefined();
      await db.conn.exec(advice!);
      await run(into('masked'));
      expect(await masqObjectsIn(db.conn, 'masked')).toEqual([]);
    });

    it('refuses the table of masq 0.1 as well', async () => {
      await reset();
      await db.conn.exec('CREATE SCHEMA masked; CREATE TABLE masked._masq_progress (x int)');
      const refused = await rejection(run(into('masked')));
      const advice = /\((DROP TABLE IF EXISTS .*;)\) and run again/.exec(refused.message)![1]!;
      await db.conn.exec(advice);
      await run(into('masked'));
      expect(await relationsIn(db.conn, 'masked')).toEqual(['customers', 'orders']);
    });
  });
}

describeNeeding(NO_SERVER ?? NO_PSQL, 'the psql script keeps its bookkeeping apart too', () => {
  let db: TestDatabase;
  let plan: Plan;
  const script = (p: Plan) => {
    const file = join(mkdtempSync(join(tmpdir(), 'masq-bookkeeping-')), 'shop.pg.sql');
    writeFileSync(file, renderScript(buildProgram(p), file));
    return file;
  };
  const psql = (file: string) =>
    spawnSync('psql', ['-q', db.url, '-f', file], {
      encoding: 'utf8',
      env: { ...process.env, MASQ_SALT: SALT },
    });

  beforeAll(async () => {
    db = await createTestDatabase('server');
    await createShop(db.conn, SIZE);
    plan = { ...(await compileShop(db.conn)), bookkeeping: { schema: ODD } };
  });
  afterAll(() => db?.dispose());

  it('writes its progress into the bookkeeping schema and nothing named masq into the target', async () => {
    const file = script(plan);
    const first = psql(file);
    expect(first.status, first.stderr).toBe(0);
    expect(await masqObjectsIn(db.conn, 'masked')).toEqual([]);
    expect(await relationsIn(db.conn, ODD)).toEqual(['progress', 'progress_log']);
    const again = psql(file);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/orders: already complete/);
  });

  it('refuses a target schema holding an earlier version’s progress', async () => {
    await db.conn.exec('CREATE TABLE masked._masq_progress_log (seq bigint)');
    const refused = psql(script(plan));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/progress of an earlier masq version/);
  });
});

describeNeeding(NO_SERVER, 'runs into two target schemas of one database at once', () => {
  let db: TestDatabase;
  let other: Connection;
  let plan: Plan;

  beforeAll(async () => {
    db = await createTestDatabase('server');
    await createShop(db.conn, { customers: 10, orders: 10 });
    plan = await compileShop(db.conn);
    other = await openPgServer(db.url);
  });
  afterAll(async () => {
    await other?.close();
    await db?.dispose();
  });

  it('create the shared bookkeeping schema one after the other, not both at once', async () => {
    const a = buildProgram(plan);
    const b = buildProgram({ ...plan, target: { ...plan.target, schema: 'masked_b' } });
    // The first is mid-way: its schema created, not yet committed.
    await db.conn.exec('BEGIN');
    await db.conn.exec(a.prepareTarget);
    const pid = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    let settled = false;
    const second = other
      .exec(b.begin({}))
      .then(async () => {
        await other.exec(b.prepareTarget);
        await other.exec('COMMIT');
      })
      .finally(() => (settled = true));
    // Wait (by the catalog, not by the clock) until the second is blocked on a lock.
    while (!settled) {
      const r = await db.conn.query<{ waiting: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock') AS waiting`,
        [pid],
      );
      if (r.rows[0]!.waiting) break;
    }
    await db.conn.exec('COMMIT');
    await second;
    expect(await relationsIn(db.conn, 'masq')).toEqual(['progress', 'progress_log']);
  });
});
