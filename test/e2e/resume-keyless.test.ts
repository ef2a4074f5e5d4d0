import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { introspect } from '../../src/catalog/introspect.js';
import type { Connection } from '../../src/db/connection.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { renderScript } from '../../src/emit/postgres/script.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import type { Plan } from '../../src/ir/plan.js';
import { NO_PSQL } from '../support/cli.js';
import { ENGINES, itNeeding } from '../support/engines.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';

/** A table without a key is batched by row address (ctid), which an UPDATE changes. */
const SOURCE = `
CREATE SCHEMA src;
CREATE TABLE src.events (a text, b int);
INSERT INTO src.events SELECT 'a' || (g % 97), g FROM generate_series(1, 6000) g;
`;
const SPEC = `
source postgres env(SOURCE_URL) schema src
target postgres env(TARGET_URL) schema dst
batch 1000
default keep
table events { a redact }
`;
// Rows of the first pages get new versions at the table's end: new ctids, after any checkpoint.
const MOVE_ROWS = "UPDATE src.events SET b = -b WHERE ctid < '(12,0)'::tid";
const SALT = 'keyless-salt';

/** Fails the batch that would finish the table, or the `failAt`th checkpoint, whichever comes first. */
function failingBeforeTheEnd(conn: Connection, failAt: number): Connection {
  let checkpoints = 0;
  return {
    ...conn,
    engine: conn.engine,
    copyEndpoint: conn.copyEndpoint,
    query: async (sql, params) => {
      const checkpoint = sql.includes('progress_log') && sql.startsWith('INSERT');
      if (checkpoint && (++checkpoints === failAt || (params ?? []).includes(true)))
        throw new Error('connection lost (injected)');
      return conn.query(sql, params);
    },
  };
}

/** The rows as a multiset: duplicates count. */
const multiset = (conn: Connection, table: string) => tableDigest(conn, table, 't::text');

for (const engine of ENGINES) {
  describe(`a table without a key, stopped and run again after an UPDATE, on ${engine.name}`, () => {
    let db: TestDatabase;
    let plan: Plan;

    beforeAll(async () => {
      db = await createTestDatabase(engine.name);
      await db.conn.exec(SOURCE);
      const { spec } = parseMasq(SPEC, 'keyless.masq');
      const result = analyze(spec!, await introspect(db.conn, 'src'), 'keyless');
      expect(result.diagnostics).toEqual([]);
      plan = result.plan!;
      expect(plan.tables[0]!.key.kind).toBe('row-address');
    });
    afterAll(() => db?.dispose());

    const run = (p: Plan, conn: Connection = db.conn) =>
      runPostgres(buildProgram(p), { source: conn, target: conn, secrets: [SALT] });

    /** The same plan, run once on the source as it is now, into a schema of its own. */
    async function reference(): Promise<string> {
      await db.conn.exec('DROP SCHEMA IF EXISTS ref CASCADE');
      await run({ ...plan, target: { ...plan.target, schema: 'ref' } });
      return multiset(db.conn, 'ref.events');
    }

    it('copies exactly the source rows, none twice, after a failed run and an UPDATE', async () => {
      await db.conn.exec('DROP SCHEMA IF EXISTS dst CASCADE');
      await expect(run(plan, failingBeforeTheEnd(db.conn, 4))).rejects.toThrow(/injected/);
      await db.conn.exec(MOVE_ROWS);
      const resumed = await run(plan);
      expect(resumed.rows).toBe(6000);
      expect(await multiset(db.conn, 'dst.events')).toBe(await reference());
    });

    /** The state an earlier masq, which batched by ctid across runs, left: 1000 rows copied. */
    async function leaveHalfDone(fill: () => Promise<unknown>) {
      await db.conn.exec(
        'DROP SCHEMA src CASCADE; DROP SCHEMA IF EXISTS dst CASCADE; DROP SCHEMA IF EXISTS masq CASCADE;' +
          SOURCE,
      );
      await fill();
      const first = await db.conn.query<{ k: string }>(
        'SELECT ctid::text AS k FROM src.events ORDER BY ctid OFFSET 999 LIMIT 1',
      );
      await db.conn.exec(
        `TRUNCATE dst.events;
         INSERT INTO dst.events SELECT repeat('*', char_length(a)), b FROM src.events WHERE ctid <= '${first.rows[0]!.k}'::tid;
         DELETE FROM masq.progress_log WHERE target_schema = 'dst'
           AND seq > (SELECT min(seq) FROM masq.progress_log WHERE target_schema = 'dst');
         UPDATE masq.progress_log SET rows = 1000, done = false, finished = false,
           last_key = ARRAY['${first.rows[0]!.k}'] WHERE target_schema = 'dst'`,
      );
      await db.conn.exec(MOVE_ROWS);
    }

    it('starts a copy it finds half-done by row address over, rather than continuing it', async () => {
      await leaveHalfDone(() => run(plan));
      const again = await run(plan);
      expect(again.rows).toBe(6000);
      expect(await multiset(db.conn, 'dst.events')).toBe(await reference());
    });

    itNeeding(
      engine.name === 'server' ? NO_PSQL : 'the psql script runs on the server only',
      'the psql script starts such a copy over too',
      async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'masq-keyless-')), 'keyless.pg.sql');
        writeFileSync(file, renderScript(buildProgram(plan), file));
        const psql = () =>
          spawnSync('psql', ['-q', db.url, '-v', `masq_salt=${SALT}`, '-f', file], {
            encoding: 'utf8',
            env: { ...process.env, MASQ_SALT: SALT },
          });
        await leaveHalfDone(async () => expect(psql().status).toBe(0));
        const again = psql();
        expect(again.status, again.stderr).toBe(0);
        expect(await multiset(db.conn, 'dst.events')).toBe(await reference());
        expect(again.stderr).toContain('events: a table without a key cannot continue');
      },
    );
  });
}
