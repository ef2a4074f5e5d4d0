import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlan } from '../../src/exec/run-plan.js';
import type { Plan } from '../../src/ir/plan.js';
import { ENGINES } from '../support/engines.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { SALT, shopPlan } from '../support/shop.js';

const env = { MASQ_SALT: SALT };

for (const engine of ENGINES) {
  describe(`source and target in different databases, on ${engine.name}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    let plan: Plan;

    beforeAll(async () => {
      source = await createTestDatabase(engine.name);
      target = await createTestDatabase(engine.name);
      plan = await shopPlan(source.conn, { batchSize: 1500 });
    });
    afterAll(async () => {
      await source?.dispose();
      await target?.dispose();
    });

    it('streams only masked rows into the target, the same rows as within one database', async () => {
      // PGlite URLs are all "pglite:memory": name the two instances apart for runPlan.
      const [srcUrl, dstUrl] =
        engine.name === 'pglite'
          ? ['pglite:memory#source', 'pglite:memory#target']
          : [source.url, target.url];
      const open = new Map([
        [srcUrl, source.conn],
        [dstUrl, target.conn],
      ]);
      // The same plan within the source database gives the reference result.
      await runPlan(plan, { sourceUrl: srcUrl, targetUrl: srcUrl, env, open });
      await runPlan(plan, { sourceUrl: srcUrl, targetUrl: dstUrl, env, open });
      for (const table of ['masked.customers', 'masked.orders'])
        expect(await tableDigest(target.conn, table), table).toBe(
          await tableDigest(source.conn, table),
        );
      const rows = await target.conn.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM masked.orders',
      );
      expect(rows.rows[0]!.n).toBe('12000');
    });

    it('never writes to the source: its session is read-only', async () => {
      const r = await source.conn.query<{ ro: string }>(
        "SELECT current_setting('transaction_read_only') AS ro",
      );
      expect(r.rows[0]!.ro).toBe('on');
      await expect(source.conn.exec('CREATE TABLE public.x (a int)')).rejects.toThrow(/read-only/);
    });
  });
}
