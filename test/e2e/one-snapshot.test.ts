import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from '../../src/db/connection.js';
import { openPgServer } from '../../src/db/pg-server.js';
import { MasqBackends } from '../support/backends.js';
import { masqAsync } from '../support/cli.js';
import { createTestDatabase } from '../support/databases.js';
import { describeNeeding, NO_SERVER, PG_URL } from '../support/engines.js';

const PARENTS = 20_000;
const SOURCE = `
CREATE SCHEMA app;
CREATE TABLE app.parents (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.children (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES app.parents, note text);
INSERT INTO app.parents (name) SELECT 'parent ' || g FROM generate_series(1, ${PARENTS}) g;
INSERT INTO app.children (parent_id, note) SELECT 1 + g % ${PARENTS}, 'note ' || g FROM generate_series(1, ${2 * PARENTS}) g;
ANALYZE app.parents, app.children;
`;
// Parents first: without one snapshot, children copied later include those of parents added
// after the parents were copied.
const SPEC = `
source postgres env(SOURCE_URL) schema app
target postgres env(TARGET_URL) schema masked
salt env(MASQ_SALT)
batch 1000
default keep
table parents { name redact }
table children { note redact }
`;

/** Adds a parent with two children, one transaction each time, until stopped; → the new ids. */
function startWriter(conn: Connection) {
  const ids = { parents: [] as number[], children: [] as number[] };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const r = await conn.query<{ parent: number; child: number }>(
        `WITH p AS (INSERT INTO app.parents (name) VALUES ('late') RETURNING id)
         INSERT INTO app.children (parent_id, note) SELECT p.id, 'late' FROM p, generate_series(1, 2)
         RETURNING parent_id AS parent, id AS child`,
      );
      ids.parents.push(r.rows[0]!.parent);
      ids.children.push(...r.rows.map((row) => row.child));
    }
  })();
  return {
    ids,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

describeNeeding(NO_SERVER, 'a run reads every table from one snapshot', () => {
  let admin: Connection;
  let dir: string;

  beforeAll(async () => {
    admin = await openPgServer(PG_URL!);
    dir = mkdtempSync(join(tmpdir(), 'masq-snapshot-'));
    writeFileSync(join(dir, 'app.masq'), SPEC);
  });
  afterAll(async () => {
    await admin?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['one database', 'two databases'])(
    'a writer adding parents and children during a --jobs 2 run leaves no orphan and no late row (%s)',
    async (where) => {
      const source = await createTestDatabase('server');
      const target = where === 'one database' ? source : await createTestDatabase('server');
      const writerConn = await openPgServer(source.url);
      try {
        await source.conn.exec(SOURCE);
        const backends = await MasqBackends.watch(admin, source.url, [source.conn, writerConn]);
        const child = masqAsync(
          [
            'run',
            join(dir, 'app.masq'),
            '--source',
            source.url,
            '--target',
            target.url,
            '--jobs',
            '2',
            '--json',
          ],
          { MASQ_SALT: 'snapshot-salt' },
        );
        let stderr = '';
        child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
        let exited = false;
        const status = new Promise<number | null>((resolve) =>
          child.on('exit', (code) => {
            exited = true;
            resolve(code);
          }),
        );
        // The run has begun (its snapshot is taken before its first batch) once it writes.
        expect(await backends.waitForWrite(60_000, () => exited), stderr).toBe(true);
        const writer = startWriter(writerConn);
        expect(await status, stderr).toBe(0);
        await writer.stop();
        expect(writer.ids.parents.length).toBeGreaterThan(10);

        const q = async (sql: string, params: unknown[] = []) =>
          Number((await target.conn.query<{ n: string }>(sql, params)).rows[0]!.n);
        expect(
          await q(
            `SELECT count(*)::text AS n FROM masked.children AS c
             WHERE NOT EXISTS (SELECT 1 FROM masked.parents AS p WHERE p.id = c.parent_id)`,
          ),
        ).toBe(0);
        expect(
          await q('SELECT count(*)::text AS n FROM masked.parents WHERE id = ANY ($1::int[])', [
            writer.ids.parents,
          ]),
        ).toBe(0);
        expect(
          await q('SELECT count(*)::text AS n FROM masked.children WHERE id = ANY ($1::int[])', [
            writer.ids.children,
          ]),
        ).toBe(0);
        expect(await q('SELECT count(*)::text AS n FROM masked.parents')).toBe(PARENTS);
        expect(await q('SELECT count(*)::text AS n FROM masked.children')).toBe(2 * PARENTS);
        // Both tables were split: the parts read at different moments but from one snapshot.
        expect(
          await q(
            "SELECT count(*)::text AS n FROM masq.progress WHERE target_schema = 'masked' AND table_name = 'children'",
          ),
        ).toBe(2);
      } finally {
        await writerConn.close();
        if (target !== source) await target.dispose();
        await source.dispose();
      }
    },
  );
});
