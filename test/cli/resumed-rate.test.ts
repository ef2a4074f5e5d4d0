import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryLine } from '../../src/cli/reporter.js';
import type { Connection } from '../../src/db/connection.js';
import { runPlan } from '../../src/exec/run-plan.js';
import type { Reporter } from '../../src/exec/progress.js';
import type { Plan } from '../../src/ir/plan.js';
import { ENGINES } from '../support/engines.js';
import { createTestDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { SALT, SHOP_SIZE, shopPlan } from '../support/shop.js';

const BATCH = 1000;

/** A reporter that stops the run once `batches` batches of orders are committed. */
function stoppingAfter(batches: number): Reporter {
  let seen = 0;
  return (event) => {
    if (event.kind === 'batch' && event.table === 'orders' && ++seen === batches)
      throw new Error('stopped here (test)');
  };
}

for (const engine of ENGINES) {
  describe(`a resumed run's summary, on ${engine.name}`, () => {
    let db: TestDatabase;
    let plan: Plan;
    let conn: Connection;
    const run = (report?: Reporter) =>
      runPlan(plan, {
        sourceUrl: db.url,
        targetUrl: db.url,
        env: { MASQ_SALT: SALT },
        batchSize: BATCH,
        open: new Map([[db.url, conn]]),
        ...(report ? { report } : {}),
      });

    beforeAll(async () => {
      db = await createTestDatabase(engine.name);
      conn = db.conn;
      plan = await shopPlan(conn, { batchSize: BATCH });
    });
    afterAll(() => db.dispose());

    it('counts only the rows it copied: skipped and resumed rows took no time now', async () => {
      await expect(run(stoppingAfter(3))).rejects.toThrow(/stopped here/);
      const summary = await run();
      const customers = summary.tables.find((t) => t.table === 'customers')!;
      const orders = summary.tables.find((t) => t.table === 'orders')!;
      expect(customers).toMatchObject({ skipped: true, copied: 0 });
      expect(orders.rows).toBe(SHOP_SIZE.orders);
      expect(orders.copied).toBe(SHOP_SIZE.orders - 3 * BATCH);
      expect(summary.copied).toBe(orders.copied);
      expect(summary.rows).toBe(customers.rows + orders.rows);
      const rate = Number(/, (\d+) rows\/s$/.exec(summaryLine(summary))?.[1]);
      expect(rate).toBe(Math.round(summary.copied / Math.max(summary.seconds, 1e-3)));
    });
  });
}
