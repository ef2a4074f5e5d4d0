import { afterEach, describe, expect, it } from 'vitest';
import { runPlan } from '../../src/exec/run-plan.js';
import type { Plan } from '../../src/ir/plan.js';
import type { Engine } from '../support/engines.js';
import { ENGINES } from '../support/engines.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { createShop } from '../../src/demo/shop-data.js';
import { compileShop, SALT, SHOP_SIZE } from '../support/shop.js';

const env = { MASQ_SALT: SALT };

/** A source holding the shop and an empty target, both new: each test builds its own. */
interface Pair {
  readonly source: TestDatabase;
  readonly target: TestDatabase;
  readonly plan: Plan;
  readonly srcUrl: string;
  readonly dstUrl: string;
  readonly open: ReadonlyMap<string, TestDatabase['conn']>;
}

async function createPair(
  engine: Engine,
  owned: TestDatabase[],
  size: { customers: number; orders: number } = SHOP_SIZE,
): Promise<Pair> {
  const source = await createTestDatabase(engine.name);
  owned.push(source);
  const target = await createTestDatabase(engine.name);
  owned.push(target);
  await createShop(source.conn, size);
  const plan = await compileShop(source.conn, { batchSize: 1500 });
  // PGlite URLs are all "pglite:memory": name the two instances apart for runPlan.
  const [srcUrl, dstUrl] =
    engine.name === 'pglite'
      ? ['pglite:memory#source', 'pglite:memory#target']
      : [source.url, target.url];
  const open = new Map([
    [srcUrl, source.conn],
    [dstUrl, target.conn],
  ]);
  return { source, target, plan, srcUrl, dstUrl, open };
}

const SOURCE_TABLES = ['public.customers', 'public.orders'];
/** Each test builds its own databases and shop, so its time holds what a beforeAll used to. */
const TIMEOUT_MS = 300_000;

for (const engine of ENGINES) {
  describe(`source and target in different databases, on ${engine.name}`, () => {
    const owned: TestDatabase[] = [];
    afterEach(async () => {
      for (const db of owned.splice(0)) await db.dispose();
    });

    it(
      'streams only masked rows into the target, the same rows as within one database',
      async () => {
        const { source, target, plan, srcUrl, dstUrl, open } = await createPair(engine, owned);
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
      },
      TIMEOUT_MS,
    );

    it(
      'never writes to the source: its session is read-only and its content unchanged',
      async () => {
        // A small shop is enough to see whether anything is written to the source.
        const { source, plan, srcUrl, dstUrl, open } = await createPair(engine, owned, {
          customers: 300,
          orders: 900,
        });
        const before = await Promise.all(SOURCE_TABLES.map((t) => tableDigest(source.conn, t)));
        await runPlan(plan, { sourceUrl: srcUrl, targetUrl: dstUrl, env, open });

        const r = await source.conn.query<{ ro: string }>(
          "SELECT current_setting('transaction_read_only') AS ro",
        );
        expect(r.rows[0]!.ro).toBe('on');
        await expect(source.conn.exec('CREATE TABLE public.x (a int)')).rejects.toThrow(
          /read-only/,
        );
        expect(await Promise.all(SOURCE_TABLES.map((t) => tableDigest(source.conn, t)))).toEqual(
          before,
        );
        // Neither the target schema nor masq's progress table was created on the source side.
        const created = await source.conn.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'masked' OR c.relname LIKE '%masq%'`,
        );
        expect(created.rows[0]!.n).toBe('0');
      },
      TIMEOUT_MS,
    );
  });
}
