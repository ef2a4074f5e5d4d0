import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import type { Plan } from '../../src/ir/plan.js';
import { ENGINES } from '../support/engines.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { SALT, shopPlan } from '../support/shop.js';

/**
 * The database itself is real; only the connection is wrapped so that the Nth checkpoint write
 * fails after the batch's rows went in and before COMMIT, as when a process dies mid-batch.
 */
function failingAtCheckpoint(conn: Connection, failAt: number): Connection {
  let checkpoints = 0;
  return {
    ...conn,
    engine: conn.engine,
    copyEndpoint: conn.copyEndpoint,
    query: async (sql, params) => {
      if (sql.includes('_masq_progress') && sql.startsWith('INSERT') && ++checkpoints === failAt)
        throw new Error('connection lost (injected)');
      return conn.query(sql, params);
    },
  };
}

const resetTarget = (conn: Connection) => conn.exec('DROP SCHEMA IF EXISTS masked CASCADE');

for (const engine of ENGINES) {
  describe(`a run that dies mid-way, on ${engine.name}`, () => {
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

    it('continues where it stopped and ends with the same target, no duplicate, no gap', async () => {
      await resetTarget(db.conn);
      const program = buildProgram(plan);
      const dying = failingAtCheckpoint(db.conn, 5);
      await expect(
        runPostgres(program, { source: dying, target: dying, secrets: [SALT] }),
      ).rejects.toThrow(
        /failed after \d+ committed rows: connection lost \(injected\)[\s\S]*run the same command again/,
      );
      const partial = await db.conn.query<{ rows: string; done: boolean }>(
        "SELECT rows::text AS rows, done FROM masked._masq_progress WHERE table_name = 'orders'",
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
  });
}
