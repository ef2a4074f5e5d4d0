import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import type { Plan } from '../../src/ir/plan.js';
import { MasqError } from '../../src/exec/errors.js';
import { ENGINES } from '../support/engines.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { SALT, shopPlan } from '../support/shop.js';

/**
 * The database itself is real; only the connection is wrapped so that the Nth checkpoint write
 * (the first is the one that records the parts) fails after the batch's rows went in and
 * before COMMIT: the batch is rolled back, masq's process lives on. A process that dies is
 * tested in test/e2e/signals.test.ts and test/e2e/server-cli.test.ts.
 */
function failingAtCheckpoint(conn: Connection, failAt: number): Connection {
  let checkpoints = 0;
  return {
    ...conn,
    engine: conn.engine,
    copyEndpoint: conn.copyEndpoint,
    query: async (sql, params) => {
      if (sql.includes('progress_log') && sql.startsWith('INSERT') && ++checkpoints === failAt)
        throw new Error('connection lost (injected)');
      return conn.query(sql, params);
    },
  };
}

/** The finishing transaction of `table` fails, as a constraint that does not hold would. */
function failingAtFinish(conn: Connection, table: string): Connection {
  return {
    ...conn,
    engine: conn.engine,
    copyEndpoint: conn.copyEndpoint,
    exec: async (sql) => {
      if (sql.includes(`ANALYZE "masked".${JSON.stringify(table)}`))
        throw new Error('could not create unique index (injected)');
      return conn.exec(sql);
    },
  };
}

/**
 * The SQL a refusal tells the user to run, taken from the message: following it must work.
 * Advice in words only ("drop the target table", as masq once said) is followed as written.
 */
function adviceSql(error: unknown): string {
  const message = (error as Error).message;
  const sql = /\((DROP TABLE [^;]*;)\)/.exec(message)?.[1];
  const table = /table (?:masked\.)?(\w+)/.exec(message)?.[1];
  if (sql) return sql;
  if (/drop the target table/.test(message) && table) return `DROP TABLE masked.${table}`;
  throw new Error(`no DROP TABLE advice in: ${message}`);
}

async function rejection(run: Promise<unknown>): Promise<MasqError> {
  const e = await run.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MasqError);
  return e as MasqError;
}

const count = async (conn: Connection, table: string) =>
  Number((await conn.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]!.n);

const resetTarget = (conn: Connection) =>
  conn.exec('DROP SCHEMA IF EXISTS masked CASCADE; DROP SCHEMA IF EXISTS masq CASCADE');

for (const engine of ENGINES) {
  describe(`a run whose batch fails and is rolled back (masq lives on), on ${engine.name}`, () => {
    let db: TestDatabase;
    let plan: Plan;
    let clean: { customers: string; orders: string };

    beforeAll(async () => {
      db = await createTestDatabase(engine.name);
      plan = await shopPlan(db.conn, { batchSize: 700 });
      await runPostgres(buildProgram(plan), { source: db.conn, target: db.conn, secrets: [SALT] });
      clean = {
        customers: await tableDigest(db.conn, 'masked.customers'),
        orders: await tableDigest(db.conn, 'masked.orders'),
      };
    });
    afterAll(() => db?.dispose());

    it('continues after the rolled-back batch and ends with the same target, no duplicate, no gap', async () => {
      await resetTarget(db.conn);
      const program = buildProgram(plan);
      const dying = failingAtCheckpoint(db.conn, 5);
      await expect(
        runPostgres(program, { source: dying, target: dying, secrets: [SALT] }),
      ).rejects.toThrow(
        /failed after \d+ committed rows: connection lost \(injected\)[\s\S]*run the same command again/,
      );
      const partial = await db.conn.query<{ rows: string; done: boolean }>(
        "SELECT rows::text AS rows, done FROM masq.progress WHERE target_schema = 'masked' AND table_name = 'orders'",
      );
      const committed = Number(partial.rows[0]?.rows ?? 0);
      const inTable = await db.conn.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM masked.orders',
      );
      // The failed batch was rolled back with its checkpoint: the table holds exactly what the checkpoint says.
      expect(Number(inTable.rows[0]!.n)).toBe(committed);
      expect(committed).toBeGreaterThan(0);

      const resumed = await runPostgres(program, {
        source: db.conn,
        target: db.conn,
        secrets: [SALT],
      });
      expect(resumed.tables.find((t) => t.table === 'customers')?.skipped).toBe(true);
      expect(await tableDigest(db.conn, 'masked.customers')).toBe(clean.customers);
      expect(await tableDigest(db.conn, 'masked.orders')).toBe(clean.orders);
    });

    it('refuses to continue a target filled by another plan', async () => {
      const other: Plan = { ...plan, tables: plan.tables.map((t) => ({ ...t, sample: 50 })) };
      await expect(
        runPostgres(buildProgram(other), { source: db.conn, target: db.conn, secrets: [SALT] }),
      ).rejects.toThrow(/was filled by another plan/);
    });

    it('refuses a target table that already holds rows masq did not write', async () => {
      await resetTarget(db.conn);
      await db.conn.exec(
        'CREATE SCHEMA masked; CREATE TABLE masked.customers (LIKE public.customers); INSERT INTO masked.customers SELECT * FROM public.customers LIMIT 1',
      );
      await expect(
        runPostgres(buildProgram(plan), { source: db.conn, target: db.conn, secrets: [SALT] }),
      ).rejects.toThrow(/already holds rows masq did not write/);
    });

    const run = (p: Plan, conn: Connection = db.conn, salt = SALT) =>
      runPostgres(buildProgram(p), { source: conn, target: conn, secrets: [salt] });

    it('fills a finished table again once it was dropped, instead of calling it complete', async () => {
      await resetTarget(db.conn);
      await run(plan);
      await db.conn.exec('DROP TABLE masked.orders');
      const again = await run(plan);
      expect(again.tables.find((t) => t.table === 'orders')).toMatchObject({
        skipped: false,
        rows: 12000,
      });
      expect(again.tables.find((t) => t.table === 'customers')?.skipped).toBe(true);
      expect(await tableDigest(db.conn, 'masked.orders')).toBe(clean.orders);
    });

    it('after a failed first batch, the advice to a fixed plan (drop the tables) works', async () => {
      await resetTarget(db.conn);
      const broken: Plan = { ...plan, tables: plan.tables.map((t) => ({ ...t, sample: 50 })) };
      const dying = failingAtCheckpoint(db.conn, 2);
      await expect(run(broken, dying)).rejects.toThrow(/failed after 0 committed rows/);
      const refused = await rejection(run(plan));
      expect(refused.message).toMatch(/filled by another plan/);
      expect(refused.exitCode).toBe(2);
      await db.conn.exec(adviceSql(refused));
      await run(plan);
      expect(await tableDigest(db.conn, 'masked.customers')).toBe(clean.customers);
      expect(await tableDigest(db.conn, 'masked.orders')).toBe(clean.orders);
    });

    it('after a failed finishing step, the advice (drop the tables, run again) gives the whole target', async () => {
      await resetTarget(db.conn);
      const e = await rejection(run(plan, failingAtFinish(db.conn, 'orders')));
      expect(e.message).toMatch(/every row is copied but the table is not finished/);
      await db.conn.exec(adviceSql(e));
      await run(plan);
      expect(await tableDigest(db.conn, 'masked.customers')).toBe(clean.customers);
      expect(await tableDigest(db.conn, 'masked.orders')).toBe(clean.orders);
    });

    it('refuses to resume under another salt, and its advice starts over under the new one', async () => {
      await resetTarget(db.conn);
      await expect(run(plan, failingAtCheckpoint(db.conn, 9))).rejects.toThrow(/injected/);
      const ordersBefore = await count(db.conn, 'masked.orders');
      const refused = await rejection(run(plan, db.conn, 'another-salt'));
      expect(refused.message).toMatch(/filled under other secrets/);
      expect(refused.message).not.toContain('another-salt');
      expect(refused.message).not.toContain(SALT);
      expect(refused.exitCode).toBe(2);
      // Refused before a row was written, in every table.
      expect(await count(db.conn, 'masked.orders')).toBe(ordersBefore);
      await db.conn.exec(adviceSql(refused));
      await run(plan, db.conn, 'another-salt');
      // The reference under the new salt: the same plan into a schema of its own.
      const elsewhere: Plan = { ...plan, target: { ...plan.target, schema: 'masked_other' } };
      await run(elsewhere, db.conn, 'another-salt');
      for (const t of ['customers', 'orders'])
        expect(await tableDigest(db.conn, `masked.${t}`)).toBe(
          await tableDigest(db.conn, `masked_other.${t}`),
        );
      await db.conn.exec('DROP SCHEMA masked_other CASCADE');
    });

    it('refuses a finished target under another salt rather than calling it complete', async () => {
      await resetTarget(db.conn);
      await run(plan);
      await expect(run(plan, db.conn, 'another-salt')).rejects.toThrow(
        /filled under other secrets/,
      );
      expect(await tableDigest(db.conn, 'masked.orders')).toBe(clean.orders);
    });
  });
}
