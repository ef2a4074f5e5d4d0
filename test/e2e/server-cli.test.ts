import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPgServer } from '../../src/db/pg-server.js';
import { createShop } from '../../src/demo/shop-data.js';
import { runPlan } from '../../src/exec/run-plan.js';
import { describeNeeding, itNeeding, NO_SERVER } from '../support/engines.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { masq, NO_PSQL, runUntilKilled } from '../support/cli.js';
import { compileShop, SALT, SHOP_SIZE, SHOP_SPEC } from '../support/shop.js';

/** The reference: the shop masked by masq run in a database of its own. */
let reference: TestDatabase;
const digests = (db: TestDatabase) =>
  Promise.all(['masked.customers', 'masked.orders'].map((t) => tableDigest(db.conn, t)));

describeNeeding(NO_SERVER, 'the CLI against the PostgreSQL server', () => {
  beforeAll(async () => {
    reference = await createTestDatabase('server');
    await createShop(reference.conn, SHOP_SIZE);
    const plan = await compileShop(reference.conn);
    await runPlan(plan, {
      sourceUrl: reference.url,
      targetUrl: reference.url,
      env: { MASQ_SALT: SALT },
    });
  });
  afterAll(() => reference?.dispose());

  itNeeding(
    NO_PSQL,
    'the compiled psql script writes the same target as masq run, and re-runs safely',
    async () => {
      const db = await createTestDatabase('server');
      try {
        await createShop(db.conn, SHOP_SIZE);
        const out = mkdtempSync(join(tmpdir(), 'masq-script-'));
        const compiled = masq(['compile', SHOP_SPEC, '--source', db.url, '--out', out]);
        expect(compiled.status, compiled.stderr).toBe(0);
        const script = join(out, 'shop.pg.sql');
        const psql = (salt?: string) =>
          spawnSync(
            'psql',
            ['-q', db.url, ...(salt ? ['-v', `masq_salt=${salt}`] : []), '-f', script],
            { encoding: 'utf8' },
          );
        const first = psql(SALT);
        expect(first.status, first.stderr).toBe(0);
        expect(await digests(db)).toEqual(await digests(reference));
        const again = psql(SALT);
        expect(again.status, again.stderr).toBe(0);
        expect(again.stderr).toContain('already complete');
        expect(await digests(db)).toEqual(await digests(reference));
        const noSalt = psql();
        expect(noSalt.status).not.toBe(0);
        expect(noSalt.stderr).toContain('run psql with -v masq_salt=');
      } finally {
        await db.dispose();
      }
    },
  );

  const runArgs = (db: TestDatabase, ...more: string[]) => [
    'run',
    SHOP_SPEC,
    '--source',
    db.url,
    '--target',
    db.url,
    '--batch-size',
    '300',
    '--json',
    ...more,
  ];

  /** Starts `first`, kills it with SIGKILL after `batches` batches, then runs `then` to the end. */
  async function killThenResume(db: TestDatabase, first: string[], then: string[], batches = 12) {
    const child = await runUntilKilled(first, { MASQ_SALT: SALT }, batches);
    expect(child.signalCode).toBe('SIGKILL');
    const progress = await db.conn.query<{ finished: boolean }>(
      "SELECT bool_and(finished) AS finished FROM masq.progress WHERE target_schema = 'masked' AND table_name = 'orders'",
    );
    expect(progress.rows[0]?.finished ?? false).toBe(false);
    const resumed = masq(then, { MASQ_SALT: SALT });
    expect(resumed.status, resumed.stderr).toBe(0);
  }

  it('a run killed mid-way (SIGKILL) and run again ends with the same target', async () => {
    const db = await createTestDatabase('server');
    try {
      await createShop(db.conn, SHOP_SIZE);
      await killThenResume(db, runArgs(db), runArgs(db));
      expect(await digests(db)).toEqual(await digests(reference));
    } finally {
      await db.dispose();
    }
  });

  it('--jobs 3 splits each table into three key ranges and writes the same target', async () => {
    const db = await createTestDatabase('server');
    try {
      await createShop(db.conn, SHOP_SIZE);
      const r = masq(runArgs(db, '--jobs', '3'), { MASQ_SALT: SALT });
      expect(r.status, r.stderr).toBe(0);
      expect(await digests(db)).toEqual(await digests(reference));
      const parts = await db.conn.query<{ table_name: string; parts: string; rows: string }>(
        `SELECT table_name, count(*)::text AS parts, sum(rows)::text AS rows
         FROM masq.progress WHERE target_schema = 'masked' GROUP BY table_name ORDER BY table_name`,
      );
      expect(parts.rows).toEqual([
        { table_name: 'customers', parts: '3', rows: expect.any(String) },
        { table_name: 'orders', parts: '3', rows: String(SHOP_SIZE.orders) },
      ]);
    } finally {
      await db.dispose();
    }
  });

  it('a --jobs 3 run killed mid-way continues its three parts when run again without --jobs', async () => {
    const db = await createTestDatabase('server');
    try {
      await createShop(db.conn, SHOP_SIZE);
      await killThenResume(db, runArgs(db, '--jobs', '3'), runArgs(db), 20);
      expect(await digests(db)).toEqual(await digests(reference));
    } finally {
      await db.dispose();
    }
  });

  itNeeding(
    NO_PSQL,
    'the psql script refuses a table a killed --jobs run left in parts; masq run finishes it',
    async () => {
      const db = await createTestDatabase('server');
      try {
        await createShop(db.conn, SHOP_SIZE);
        const child = await runUntilKilled(runArgs(db, '--jobs', '3'), { MASQ_SALT: SALT }, 5);
        expect(child.signalCode).toBe('SIGKILL');
        const out = mkdtempSync(join(tmpdir(), 'masq-script-'));
        expect(masq(['compile', SHOP_SPEC, '--source', db.url, '--out', out]).status).toBe(0);
        const psql = spawnSync(
          'psql',
          ['-q', db.url, '-v', `masq_salt=${SALT}`, '-f', join(out, 'shop.pg.sql')],
          { encoding: 'utf8' },
        );
        expect(psql.status).not.toBe(0);
        expect(psql.stderr).toContain('finish it with masq run');
        const resumed = masq(runArgs(db), { MASQ_SALT: SALT });
        expect(resumed.status, resumed.stderr).toBe(0);
        expect(await digests(db)).toEqual(await digests(reference));
      } finally {
        await db.dispose();
      }
    },
  );

  it('refuses to write into a target schema another masq run is writing into', async () => {
    const db = await createTestDatabase('server');
    const other = await openPgServer(db.url);
    try {
      await createShop(db.conn, SHOP_SIZE);
      // The lock a running masq holds (lock-target.sql.hbs), taken here by another session.
      await other.query(`SELECT pg_advisory_lock(hashtextextended('masq:masked', 0))`);
      const refused = masq(runArgs(db), { MASQ_SALT: SALT });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('another masq run is writing into schema masked');
      await other.query(`SELECT pg_advisory_unlock_all()`);
      const r = masq(runArgs(db), { MASQ_SALT: SALT });
      expect(r.status, r.stderr).toBe(0);
      expect(await digests(db)).toEqual(await digests(reference));
    } finally {
      await other.close();
      await db.dispose();
    }
  });
});
