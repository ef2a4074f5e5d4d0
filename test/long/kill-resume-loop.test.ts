import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { openPgServer } from '../../src/db/pg-server.js';
import { createShop } from '../../src/demo/shop-data.js';
import { runPlan } from '../../src/exec/run-plan.js';
import { MasqBackends } from '../support/backends.js';
import { masq, masqAsync } from '../support/cli.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { describeNeeding, NO_SERVER, PG_URL } from '../support/engines.js';
import { compileShop, SALT, SHOP_SPEC } from '../support/shop.js';

// Large enough that eight attempts, each killed soon after its first own batch, never finish the run.
const SIZE = { customers: 40_000, orders: 300_000 };
const KILLS = 8;
const TABLES = ['masked.customers', 'masked.orders'];
const digests = (db: TestDatabase) => Promise.all(TABLES.map((t) => tableDigest(db.conn, t)));

/** Rows in the target tables, and rows their checkpoints say were committed (0 before any). */
async function committed(conn: Connection): Promise<{ inTables: number; checkpointed: number }> {
  const r = await conn.query<{ in_tables: string | null; checkpointed: string | null }>(
    `SELECT (SELECT count(*) FROM masked.customers) + (SELECT count(*) FROM masked.orders) AS in_tables,
            (SELECT sum(rows) FROM masq.progress WHERE target_schema = 'masked')::text AS checkpointed`,
  );
  return {
    inTables: Number(r.rows[0]!.in_tables ?? 0),
    checkpointed: Number(r.rows[0]!.checkpointed ?? 0),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kills `masq run` with SIGKILL again and again, each time while one of its INSERTs is running
 * (seen in pg_stat_activity), after that attempt committed at least one batch of its own.
 */
describeNeeding(NO_SERVER, 'kill and resume, many times', () => {
  let reference: TestDatabase;
  let db: TestDatabase;
  let admin: Connection;

  beforeAll(async () => {
    reference = await createTestDatabase('server');
    db = await createTestDatabase('server');
    admin = await openPgServer(PG_URL!);
    await createShop(reference.conn, SIZE);
    await createShop(db.conn, SIZE);
    const plan = await compileShop(reference.conn);
    await runPlan(plan, {
      sourceUrl: reference.url,
      targetUrl: reference.url,
      env: { MASQ_SALT: SALT },
    });
  });
  afterAll(async () => {
    await admin?.close();
    await reference?.dispose();
    await db?.dispose();
  });

  it(`ends with the same target after ${KILLS} kills mid-batch, each attempt adding rows`, async () => {
    const args = [
      'run',
      SHOP_SPEC,
      '--source',
      db.url,
      '--target',
      db.url,
      '--batch-size',
      '1000',
      '--json',
    ];
    const backends = await MasqBackends.watch(admin, db.url, [db.conn]);
    const progress: number[] = [0];
    let survived = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      // Each attempt may split the tables differently (--jobs 1 to 3): the parts the first
      // attempt recorded are the ones every later attempt continues.
      const jobs = String(1 + Math.floor(Math.random() * 3));
      const child = masqAsync([...args, '--jobs', jobs], { MASQ_SALT: SALT });
      let stderr = '';
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      let exited = false;
      const gone = new Promise<void>((resolve) =>
        child.on('exit', () => {
          exited = true;
          resolve();
        }),
      );
      const before = progress.at(-1)!;
      // This attempt's own progress first: a restart that failed at once never gets here.
      while (
        !exited &&
        (await committed(db.conn).catch(() => ({ inTables: 0 }))).inTables <= before
      )
        await sleep(5);
      expect(exited, `attempt ${kill + 1} ended before it was killed: ${stderr}`).toBe(false);
      // At most 100 ms more: eight attempts at ~100k rows/s (--jobs 3) must not reach the end.
      await sleep(Math.random() * 100);
      expect(
        await backends.waitForWrite(60_000, () => exited),
        `attempt ${kill + 1}: ${stderr}`,
      ).toBe(true);
      child.kill('SIGKILL');
      await gone;
      expect(child.signalCode).toBe('SIGKILL');
      // The server rolls the killed batch back once it sees the client gone.
      while ((await backends.count()) > 0) await sleep(10);
      const after = await committed(db.conn);
      // Killed mid-batch and nothing half-written: the tables hold what the checkpoints say.
      expect(after.inTables).toBe(after.checkpointed);
      expect(after.inTables).toBeGreaterThan(before);
      progress.push(after.inTables);
      survived++;
    }
    const last = masq(args, { MASQ_SALT: SALT });
    expect(last.status, last.stderr).toBe(0);
    expect(await digests(db)).toEqual(await digests(reference));
    process.stdout.write(
      `kill-resume loop: ${survived} kills mid-batch survived; committed rows after each: ${progress.slice(1).join(', ')}\n`,
    );
  });
});
