import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlan } from '../../src/exec/run-plan.js';
import { portableHash } from '../../src/hash/portable-hash.js';
import type { Plan } from '../../src/ir/plan.js';
import { ENGINES } from '../support/engines.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { SALT, SHOP_SIZE, shopPlan } from '../support/shop.js';

const env = { MASQ_SALT: SALT };

for (const engine of ENGINES) {
  describe(`the shop example, same database, on ${engine.name}`, () => {
    let db: TestDatabase;
    let plan: Plan;
    const run = (p: Plan = plan) =>
      runPlan(p, { sourceUrl: db.url, targetUrl: db.url, env, open: new Map([[db.url, db.conn]]) });

    beforeAll(async () => {
      db = await createTestDatabase(engine.name);
      plan = await shopPlan(db.conn);
      await run();
    });
    afterAll(() => db?.dispose());

    it('copies every order and exactly the sampled, filtered customers', async () => {
      const q = (sql: string) =>
        db.conn.query<{ n: string }>(sql).then((r) => Number(r.rows[0]!.n));
      expect(await q('SELECT count(*)::text AS n FROM masked.orders')).toBe(SHOP_SIZE.orders);
      // The sample is decided by the keyed hash of the key: recompute it here, outside SQL.
      const candidates = await db.conn.query<{ id: string }>(
        "SELECT id::text AS id FROM public.customers WHERE created_at >= '2020-01-01'",
      );
      const expected = candidates.rows
        .map((r) => r.id)
        .filter((id) => Number(((portableHash(SALT + id) % 10000n) + 10000n) % 10000n) < 1000)
        .sort();
      const got = (
        await db.conn.query<{ id: string }>('SELECT id::text AS id FROM masked.customers')
      ).rows
        .map((r) => r.id)
        .sort();
      expect(got).toEqual(expected);
      expect(got.length).toBeGreaterThan(100);
    });

    it('leaves no original value of a masked column in the target', async () => {
      for (const column of ['email', 'phone', 'ssn', 'device_id', 'notes', 'salary'] as const) {
        const leaked = await db.conn.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM masked.customers m JOIN public.customers p ON p.${column} = m.${column}`,
        );
        expect(leaked.rows[0]!.n, column).toBe('0');
      }
      const cards = await db.conn.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM masked.orders m JOIN public.orders p ON p.card_number = m.card_number',
      );
      expect(cards.rows[0]!.n).toBe('0');
      // A substitute may land on a fake value equal to a real one only by chance, and then
      // the real one is itself a dictionary entry: anything else would be a leak.
      for (const column of ['username', 'full_name'] as const) {
        const dictionary = plan.dictionaries[column]!;
        const same = await db.conn.query<{ v: string }>(
          `SELECT p.${column} AS v FROM masked.customers m JOIN public.customers p USING (id) WHERE p.${column} = m.${column}`,
        );
        for (const row of same.rows) expect(dictionary).toContain(row.v);
      }
    });

    it('moves the perturbed birth dates and amounts, within their bounds', async () => {
      const r = await db.conn.query<{ n: string; moved: string; beyond: string }>(
        `SELECT count(*)::text AS n, count(*) FILTER (WHERE m.birth_date <> p.birth_date)::text AS moved,
                count(*) FILTER (WHERE abs(m.birth_date - p.birth_date) > 90)::text AS beyond
           FROM masked.customers m JOIN public.customers p USING (id) WHERE p.birth_date IS NOT NULL
         UNION ALL
         SELECT count(*)::text, count(*) FILTER (WHERE m.amount <> p.amount)::text,
                count(*) FILTER (WHERE abs(m.amount - p.amount) > p.amount * 0.05 + 0.005)::text
           FROM masked.orders m JOIN public.orders p USING (id) WHERE p.amount >= 10`,
      );
      for (const [name, row] of [
        ['birth_date', r.rows[0]!],
        ['amount', r.rows[1]!],
      ] as const) {
        expect(Number(row.n), name).toBeGreaterThan(100);
        // A keyed shift is 0 for about 1 in 181 dates; an amount of 10 or more moves by cents.
        expect(Number(row.moved) / Number(row.n), name).toBeGreaterThan(0.9);
        expect(row.beyond, name).toBe('0');
      }
    });

    it('keeps NULLs NULL and unique columns unique', async () => {
      const r = await db.conn.query<{
        nulls_before: string;
        nulls_after: string;
        emails: string;
        distinct_emails: string;
      }>(
        `SELECT (SELECT count(*) FROM public.customers p JOIN masked.customers m USING (id) WHERE p.email IS NULL)::text AS nulls_before,
                (SELECT count(*) FROM masked.customers WHERE email IS NULL)::text AS nulls_after,
                (SELECT count(email) FROM masked.customers)::text AS emails,
                (SELECT count(DISTINCT email) FROM masked.customers)::text AS distinct_emails`,
      );
      const row = r.rows[0]!;
      expect(row.nulls_after).toBe(row.nulls_before);
      expect(row.emails).toBe(row.distinct_emails);
    });

    it('adds nothing when run again', async () => {
      const before = await tableDigest(db.conn, 'masked.orders');
      const summary = await run();
      expect(summary.tables.map((t) => [t.table, t.skipped])).toEqual([
        ['customers', true],
        ['orders', true],
      ]);
      expect(await tableDigest(db.conn, 'masked.orders')).toBe(before);
    });

    it('moves the target sequences past the copied ids', async () => {
      const r = await db.conn.query<{ id: string }>(
        "INSERT INTO masked.orders (card_number, amount) VALUES ('x', 1) RETURNING id::text AS id",
      );
      expect(Number(r.rows[0]!.id)).toBe(SHOP_SIZE.orders + 1);
      await db.conn.exec('DELETE FROM masked.orders WHERE id > ' + SHOP_SIZE.orders);
    });

    it('refuses a plan whose source gained a column, naming it', async () => {
      await db.conn.exec('ALTER TABLE public.orders ADD COLUMN cvv text');
      try {
        await expect(run()).rejects.toMatchObject({
          exitCode: 3,
          message: expect.stringContaining('orders.cvv: added'),
        });
      } finally {
        await db.conn.exec('ALTER TABLE public.orders DROP COLUMN cvv');
      }
    });
  });
}
