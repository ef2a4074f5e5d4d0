import { afterAll, beforeAll, expect, it } from 'vitest';
import { createShop } from '../../src/demo/shop-data.js';
import { runPlan } from '../../src/exec/run-plan.js';
import { describeNeeding, NO_SERVER } from '../support/engines.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { masq, runUntilKilled } from '../support/cli.js';
import { compileShop, SALT, SHOP_SPEC } from '../support/shop.js';

const SIZE = { customers: 40_000, orders: 120_000 };
const digests = (db: TestDatabase) =>
  Promise.all(['masked.customers', 'masked.orders'].map((t) => tableDigest(db.conn, t)));

/** Kills `masq run` with SIGKILL after a random number of batches, again and again. */
describeNeeding(NO_SERVER, 'kill and resume, many times', () => {
  let reference: TestDatabase;
  let db: TestDatabase;

  beforeAll(async () => {
    reference = await createTestDatabase('server');
    db = await createTestDatabase('server');
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
    await reference?.dispose();
    await db?.dispose();
  });

  it('ends with the same target after eight kills at random points', async () => {
    const args = [
      'run',
      SHOP_SPEC,
      '--source',
      db.url,
      '--target',
      db.url,
      '--batch-size',
      '500',
      '--json',
    ];
    // Each attempt may split the tables differently (--jobs 1 to 3): the parts the first
    // attempt recorded are the ones every later attempt continues.
    for (let kill = 0; kill < 8; kill++) {
      const jobs = String(1 + Math.floor(Math.random() * 3));
      await runUntilKilled(
        [...args, '--jobs', jobs],
        { MASQ_SALT: SALT },
        1 + Math.floor(Math.random() * 25),
      );
    }
    const last = masq(args, { MASQ_SALT: SALT });
    expect(last.status, last.stderr).toBe(0);
    expect(await digests(db)).toEqual(await digests(reference));
  });
});
