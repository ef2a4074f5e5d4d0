import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { openPglite } from '../../src/db/pglite.js';
import { createShop } from '../../src/demo/shop-data.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import { masq, masqAsync } from '../support/cli.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { PG_URL } from '../support/engines.js';
import { compileShop, SALT, SHOP_SPEC } from '../support/shop.js';

/**
 * A real death: the CLI process gets SIGINT (Ctrl-C) or SIGTERM in the middle of a table. It
 * must say where it stopped and that the same command continues, and that must be true.
 */
interface Place {
  readonly url: string;
  open(): Promise<Connection>;
  dispose(): Promise<void>;
}

async function pgliteDir(): Promise<Place> {
  const dir = mkdtempSync(join(tmpdir(), 'masq-signal-'));
  const url = `pglite://${join(dir, 'db')}`;
  return {
    url,
    open: () => openPglite(url),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function serverDb(): Promise<Place> {
  const db: TestDatabase = await createTestDatabase('server');
  return { url: db.url, open: () => Promise.resolve(db.conn), dispose: () => db.dispose() };
}

const PLACES: readonly { name: string; make: () => Promise<Place> }[] = [
  { name: 'PGlite (a data directory)', make: pgliteDir },
  ...(PG_URL ? [{ name: 'the server', make: serverDb }] : []),
];

/** Starts the run and sends `signal` once `batches` batches of orders have been reported. */
async function interrupt(args: string[], signal: NodeJS.Signals, batches: number) {
  const child: ChildProcess = masqAsync(args, { MASQ_SALT: SALT });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  let seen = 0;
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
    seen += c
      .toString()
      .split('\n')
      .filter((l) => l.includes('"kind":"batch"') && l.includes('"table":"orders"')).length;
    if (seen >= batches && !child.killed) child.kill(signal);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, signal: child.signalCode, stdout, stderr };
}

for (const { name, make } of PLACES) {
  describe(`masq run stopped by a signal, on ${name}`, () => {
    let place: Place;
    let reference: { customers: string; orders: string };

    beforeAll(async () => {
      place = await make();
      const conn = await place.open();
      // Enough batches of orders (60 of 200) that the run cannot end before the signal sent after
      // its third lands, however slowly a loaded machine reads the child's output.
      await createShop(conn, { customers: 1000, orders: 12000 });
      // The reference: the same plan run in-process into a schema of its own.
      const plan = await compileShop(conn);
      await runPostgres(buildProgram({ ...plan, target: { ...plan.target, schema: 'ref' } }), {
        source: conn,
        target: conn,
        secrets: [SALT],
      });
      reference = {
        customers: await tableDigest(conn, 'ref.customers'),
        orders: await tableDigest(conn, 'ref.orders'),
      };
      if (conn.engine === 'pglite') await conn.close();
    });
    afterAll(() => place?.dispose());

    const args = () => [
      'run',
      SHOP_SPEC,
      '--source',
      place.url,
      '--target',
      place.url,
      '--batch-size',
      '200',
      '--json',
    ];

    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      it(`${signal}: says which table stopped with how many rows committed, exits ${code}, and the same command continues`, async () => {
        const conn = await place.open();
        await conn.exec('DROP SCHEMA IF EXISTS masked CASCADE');
        if (conn.engine === 'pglite') await conn.close();

        const stopped = await interrupt(args(), signal, 3);
        expect(stopped.signal, stopped.stderr).toBeNull();
        expect(stopped.code, stopped.stderr).toBe(code);
        const said = new RegExp(
          `stopped by ${signal} while copying table orders: (\\d+) rows of it committed, ` +
            'the batch in flight rolled back; 1 table finished before it\\.\\n' +
            'Run the same command again to continue',
        ).exec(stopped.stderr);
        expect(said, stopped.stderr).not.toBeNull();
        const stoppedLine = stopped.stdout.split('\n').find((l) => l.includes('"kind":"stopped"'));
        expect(JSON.parse(stoppedLine!)).toMatchObject({ signal, table: 'orders' });

        // The rows it says are committed are the ones the checkpoint holds.
        const check = await place.open();
        const saved = await check.query<{ rows: string }>(
          "SELECT sum(rows)::text AS rows FROM masq.progress WHERE target_schema = 'masked' AND table_name = 'orders'",
        );
        expect(Number(saved.rows[0]!.rows)).toBe(Number(said![1]));
        expect(Number(said![1])).toBeGreaterThan(0);
        if (check.engine === 'pglite') await check.close();

        const again = masq(args(), { MASQ_SALT: SALT });
        expect(again.status, again.stderr).toBe(0);
        expect(again.stdout).toMatch(
          /"kind":"table-start","table":"orders","estimate":[^,]*,"resumedRows":[1-9]/,
        );
        const after = await place.open();
        expect(await tableDigest(after, 'masked.customers')).toBe(reference.customers);
        expect(await tableDigest(after, 'masked.orders')).toBe(reference.orders);
        if (after.engine === 'pglite') await after.close();
      });
    }
  });
}
