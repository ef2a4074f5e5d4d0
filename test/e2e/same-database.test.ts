import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { sameDatabase } from '../../src/db/identity.js';
import { openPgServer } from '../../src/db/pg-server.js';
import { openPglite } from '../../src/db/pglite.js';
import { createShop } from '../../src/demo/shop-data.js';
import { runPlan } from '../../src/exec/run-plan.js';
import type { Plan } from '../../src/ir/plan.js';
import { createTestDatabase } from '../support/databases.js';
import { describeNeeding, NO_SERVER, PG_URL, uniqueName } from '../support/engines.js';
import { compileShop, SALT } from '../support/shop.js';

/**
 * Source and target are one database when the servers say so, not when the URL strings match:
 * `postgres://…@127.0.0.1:5432/db` and `postgresql://…@localhost/db` are one database, and so
 * are two spellings of one PGlite directory.
 */
const SIZE = { customers: 200, orders: 400 };
const env = { MASQ_SALT: SALT };

/** The plan with its target in the source schema: what MASQ052 must stop. */
const intoSource = (plan: Plan): Plan => ({
  ...plan,
  target: { ...plan.target, schema: plan.source.schema },
});

async function nothingCreatedIn(conn: Connection, schema: string): Promise<void> {
  const r = await conn.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname LIKE '%masq%'`,
    [schema],
  );
  expect(r.rows[0]!.n).toBe('0');
}

/** Another spelling of a server URL: `localhost` for 127.0.0.1, no port, the other scheme. */
function respell(url: string): string {
  const u = new URL(url);
  expect(u.hostname).toBe('127.0.0.1');
  return `postgresql://${u.username}${u.password ? `:${u.password}` : ''}@localhost${u.pathname}`;
}

describeNeeding(NO_SERVER, 'one server database under two URLs', () => {
  it('is refused as source = target schema before anything is created', async () => {
    const db = await createTestDatabase('server');
    try {
      await createShop(db.conn, SIZE);
      const plan = intoSource(await compileShop(db.conn));
      await expect(
        runPlan(plan, { sourceUrl: db.url, targetUrl: respell(db.url), env }),
      ).rejects.toThrow(/MASQ052/);
      await nothingCreatedIn(db.conn, 'public');
    } finally {
      await db.dispose();
    }
  });

  it('runs schema to schema over one session, as when the URLs are equal', async () => {
    const db = await createTestDatabase('server');
    try {
      await createShop(db.conn, SIZE);
      const plan = await compileShop(db.conn);
      const dbName = new URL(db.url).pathname.slice(1);
      // Count masq's sessions on this database while it copies: one, not a source and a target
      // (besides the session that holds the run's snapshot open: known by its pid once it has
      // exported the snapshot, so that its COMMIT at the end is not counted as a second copier).
      let most = 0;
      let running = true;
      let copying = false;
      const holders = new Set<number>();
      const watch = (async () => {
        while (running) {
          const r = await db.conn.query<{ pid: number; query: string }>(
            `SELECT pid, query FROM pg_stat_activity
              WHERE datname = $1 AND application_name = 'masq' AND pid <> pg_backend_pid()`,
            [dbName],
          );
          for (const s of r.rows) if (s.query.includes('pg_export_snapshot()')) holders.add(s.pid);
          const copiers = r.rows.filter((s) => !holders.has(s.pid)).length;
          if (copying) most = Math.max(most, copiers);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const summary = await runPlan(plan, {
        sourceUrl: db.url,
        targetUrl: respell(db.url),
        env,
        batchSize: 20,
        report: (event) => (copying ||= event.kind === 'table-start'),
      }).finally(() => (running = false));
      await watch;
      expect(summary.rows).toBeGreaterThan(SIZE.orders);
      expect(most).toBe(1);
    } finally {
      await db.dispose();
    }
  });

  it('tells two databases of one server apart', async () => {
    const [a, b] = await Promise.all([createTestDatabase('server'), createTestDatabase('server')]);
    const again = await openPgServer(respell(a.url));
    try {
      expect(sameDatabase(await again.identity(), await a.conn.identity())).toBe(true);
      expect(sameDatabase(await b.conn.identity(), await a.conn.identity())).toBe(false);
    } finally {
      await again.close();
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });

  it('knows one database from a user who may not read pg_control_system()', async () => {
    const db = await createTestDatabase('server');
    const role = uniqueName('masq_reader');
    const admin = await openPgServer(PG_URL!);
    await admin.exec(`CREATE ROLE ${role} LOGIN`);
    // pg_proc is per database: the revocation stays inside this test's database.
    await db.conn.exec(`REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC`);
    const url = new URL(respell(db.url));
    url.username = role;
    const reader = await openPgServer(url.toString());
    try {
      const seen = await reader.identity();
      expect(seen.cluster).toBeUndefined();
      expect(sameDatabase(seen, await db.conn.identity())).toBe(true);
    } finally {
      await reader.close();
      await db.dispose();
      await admin.exec(`DROP ROLE ${role}`);
      await admin.close();
    }
  });
});

describe('one PGlite directory under two URLs', () => {
  it('is refused as source = target schema, and never opened twice', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'masq-same-')), 'db');
    const conn = await openPglite(`pglite://${dir}`);
    let plan: Plan;
    try {
      await createShop(conn, SIZE);
      plan = intoSource(await compileShop(conn));
    } finally {
      await conn.close();
    }
    await expect(
      runPlan(plan, {
        sourceUrl: `pglite://${dir}`,
        targetUrl: `pglite://${relative(process.cwd(), dir)}/`,
        env,
      }),
    ).rejects.toThrow(/MASQ052/);
    const after = await openPglite(`pglite://${dir}`);
    try {
      await nothingCreatedIn(after, 'public');
    } finally {
      await after.close();
    }
  });

  it('gives each in-memory instance an identity of its own, the same for the same instance', async () => {
    const [a, b] = await Promise.all([openPglite('pglite:memory'), openPglite('pglite:memory')]);
    try {
      expect(sameDatabase(await a.identity(), await a.identity())).toBe(true);
      expect(sameDatabase(await a.identity(), await b.identity())).toBe(false);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
