import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPgServer } from '../../src/db/pg-server.js';
import type { Connection } from '../../src/db/connection.js';
import { createShop } from '../../src/demo/shop-data.js';
import { runPlan } from '../../src/exec/run-plan.js';
import { MasqBackends } from '../support/backends.js';
import { masqAsync } from '../support/cli.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { describeNeeding, NO_SERVER, PG_URL } from '../support/engines.js';
import { compileShop, SALT, SHOP_SPEC } from '../support/shop.js';

const SIZE = { customers: 20_000, orders: 60_000 };
const digests = (db: TestDatabase) =>
  Promise.all(['masked.customers', 'masked.orders'].map((t) => tableDigest(db.conn, t)));

/** A running `masq run --json`: its events as they come, and how it ended. */
function start(db: TestDatabase, jobs: string) {
  const child = masqAsync(
    [
      'run',
      SHOP_SPEC,
      '--source',
      db.url,
      '--target',
      db.url,
      '--batch-size',
      '1000',
      '--json',
      '--jobs',
      jobs,
    ],
    { MASQ_SALT: SALT },
  );
  const events: { kind: string }[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.startsWith('{')) events.push(JSON.parse(line));
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  return { child, events, exited, stderr: () => stderr, done: () => done };
}

describeNeeding(NO_SERVER, 'masq sessions terminated by an administrator', () => {
  let reference: TestDatabase;
  let admin: Connection;

  beforeAll(async () => {
    reference = await createTestDatabase('server');
    await createShop(reference.conn, SIZE);
    await runPlan(await compileShop(reference.conn), {
      sourceUrl: reference.url,
      targetUrl: reference.url,
      env: { MASQ_SALT: SALT },
    });
    admin = await openPgServer(PG_URL!);
  });
  afterAll(async () => {
    await admin?.close();
    await reference?.dispose();
  });

  it.each(['1', '2'])(
    'retries, resumes and ends with the exact target after three terminations mid-batch (--jobs %s)',
    async (jobs) => {
      const db = await createTestDatabase('server');
      let run: ReturnType<typeof start> | undefined;
      try {
        await createShop(db.conn, SIZE);
        const backends = await MasqBackends.watch(admin, db.url, [db.conn]);
        run = start(db, jobs);
        let terminated = 0;
        for (let kill = 0; kill < 3; kill++) {
          const retries = run.events.filter((e) => e.kind === 'retry').length;
          expect(await backends.waitForWrite(60_000, run.done), run.stderr()).toBe(true);
          expect(await backends.terminate()).toBeGreaterThan(0);
          terminated++;
          // The next termination waits for the retry of this one.
          while (run.events.filter((e) => e.kind === 'retry').length === retries && !run.done())
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
        expect(await run.exited, run.stderr()).toBe(0);
        expect(run.stderr()).not.toMatch(/Unhandled|at .*\.js:\d+/);
        expect(run.events.filter((e) => e.kind === 'retry')).toHaveLength(terminated);
        // Each attempt after the first resumes, from a new snapshot, and says so.
        expect(run.events.filter((e) => e.kind === 'snapshot')).toEqual([
          { kind: 'snapshot', exported: true, resumed: false },
          ...Array.from({ length: terminated }, () => ({
            kind: 'snapshot',
            exported: true,
            resumed: true,
          })),
        ]);
        expect(await digests(db)).toEqual(await digests(reference));
      } finally {
        run?.child.kill('SIGKILL');
        await db.dispose();
      }
    },
  );

  it('gives up with exit 2 and says that running it again continues, when every session keeps being ended', async () => {
    const db = await createTestDatabase('server');
    let run: ReturnType<typeof start> | undefined;
    try {
      await createShop(db.conn, SIZE);
      const backends = await MasqBackends.watch(admin, db.url, [db.conn]);
      run = start(db, '1');
      expect(await backends.waitForWrite(60_000, run.done)).toBe(true);
      let terminated = 0;
      while (!run.done()) {
        terminated += await backends.terminate();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(terminated).toBeGreaterThan(0);
      expect(await run.exited).toBe(2);
      expect(run.stderr()).toMatch(/run the same command again to continue/);
      expect(run.stderr()).toMatch(/stopped after 6 attempts/);
      expect(run.stderr()).not.toMatch(/Unhandled|at .*\.js:\d+/);
    } finally {
      run?.child.kill('SIGKILL');
      await db.dispose();
    }
  });
});
