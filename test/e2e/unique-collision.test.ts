import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { introspect } from '../../src/catalog/introspect.js';
import type { Connection } from '../../src/db/connection.js';
import type { PgProgram } from '../../src/emit/postgres/program.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { renderScript } from '../../src/emit/postgres/script.js';
import { fragment } from '../../src/emit/postgres/sql-fragment.js';
import { uniqueCheckView } from '../../src/emit/postgres/table-view.js';
import { postgresTemplates } from '../../src/emit/postgres/templates.js';
import { EXIT } from '../../src/exec/errors.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import type { Plan } from '../../src/ir/plan.js';
import { NO_PSQL } from '../support/cli.js';
import { createTestDatabase } from '../support/databases.js';
import { describeNeeding, ENGINES, NO_SERVER, uniqueName } from '../support/engines.js';

/**
 * A collision of `unique` outputs is refused before anything is written. A real one is too
 * rare to meet (unique-suffix.ts), so the check of these tests masks by the first letter only:
 * the check's own SQL (unique-check.sql.hbs) over a masking that must collide.
 */
const SALT = 'collision-salt';
const VALUES = ['ann@a.test', 'bob@b.test', 'anna@c.test', 'carl@d.test'];

async function compile(conn: Connection, src: string, dst: string): Promise<Plan> {
  const spec = `source postgres env(SOURCE_URL) schema ${src}
target postgres env(TARGET_URL) schema ${dst}
table people {
  key id
  email substitute(email) unique
}
`;
  const parsed = parseMasq(spec, 'collide.masq');
  const { plan } = analyze(parsed.spec!, await introspect(conn, src), 'collide');
  return plan!;
}

/**
 * The program with its email check computed over `left(email, 1)`: 'ann' and 'anna' collide.
 * `suspects` alone says there may be collisions, and the exact count finds none.
 */
function collidingProgram(plan: Plan, { suspectsOnly = false } = {}): PgProgram {
  const program = buildProgram(plan);
  const table = plan.tables[0]!;
  const column = table.columns.find((c) => c.name === 'email')!;
  const render = postgresTemplates();
  const view = uniqueCheckView(plan, table, column);
  const weak = {
    ...view,
    bits: fragment(`ascii(s."email")`),
    masked: fragment(`left(s."email", 1)`),
  };
  return {
    ...program,
    tables: program.tables.map((t) => ({
      ...t,
      uniqueChecks: t.uniqueChecks.map((c) => ({
        ...c,
        suspects: render('unique-suspects', weak),
        collisions: suspectsOnly ? c.collisions : render('unique-check', weak),
      })),
    })),
  };
}

async function setUp(conn: Connection) {
  const src = uniqueName('src');
  const dst = uniqueName('dst');
  await conn.exec(`CREATE SCHEMA ${src};
    CREATE TABLE ${src}.people (id int PRIMARY KEY, email varchar(60) UNIQUE)`);
  await conn.query(
    `INSERT INTO ${src}.people SELECT i, e FROM unnest($1::text[]) WITH ORDINALITY AS u(e, i)`,
    [VALUES],
  );
  return { src, dst, plan: await compile(conn, src, dst) };
}

async function targetTables(conn: Connection, schema: string): Promise<number> {
  const r = await conn.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1`,
    [schema],
  );
  return Number(r.rows[0]!.n);
}

for (const engine of ENGINES)
  describe(`a unique collision on ${engine.name}`, () => {
    let conn: Connection;
    beforeAll(async () => {
      conn = await engine.open();
    });
    afterAll(() => conn.close());

    it('stops the run before anything is written, naming the column and no value', async () => {
      const { dst, plan } = await setUp(conn);
      const run = runPostgres(collidingProgram(plan), {
        source: conn,
        target: conn,
        secrets: [SALT],
      });
      const error = await run.then(
        () => undefined,
        (e: unknown) => e as Error & { exitCode?: number },
      );
      expect(error?.message).toMatch(
        /collide\.masq:5: error MASQ063: people\.email: 1 masked value/,
      );
      expect(error?.exitCode).toBe(EXIT.runtime);
      for (const v of VALUES) expect(error?.message).not.toContain(v.split('@')[0]);
      expect(await targetTables(conn, dst)).toBe(0);
    });

    it('lets a run through whose suspects are no collision', async () => {
      const { dst, plan } = await setUp(conn);
      await runPostgres(collidingProgram(plan, { suspectsOnly: true }), {
        source: conn,
        target: conn,
        secrets: [SALT],
      });
      expect(await targetTables(conn, dst)).toBeGreaterThan(0);
    });

    it('counts suspects and collisions of the real masking: none', async () => {
      const { src, plan } = await setUp(conn);
      const [check] = buildProgram(plan).tables[0]!.uniqueChecks;
      await conn.query(buildProgram(plan).setupSession, [SALT]);
      expect((await conn.query<{ suspects: string }>(check!.suspects)).rows[0]!.suspects).toBe('0');
      expect(
        (await conn.query<{ collisions: string }>(check!.collisions)).rows[0]!.collisions,
      ).toBe('0');
      // Duplicates of one value are not suspects: it masks the same each time.
      await conn.exec(
        `ALTER TABLE ${src}.people DROP CONSTRAINT people_email_key; INSERT INTO ${src}.people VALUES (99, 'ann@a.test')`,
      );
      const again = buildProgram(await compile(conn, src, uniqueName('dst'))).tables[0]!
        .uniqueChecks[0]!;
      expect((await conn.query<{ suspects: string }>(again.suspects)).rows[0]!.suspects).toBe('0');
    });

    it('lets the real masking through: its check finds no collision', async () => {
      const { dst, plan } = await setUp(conn);
      const program = buildProgram(plan);
      expect(program.tables[0]!.uniqueChecks.map((c) => c.column)).toEqual(['email']);
      await runPostgres(program, { source: conn, target: conn, secrets: [SALT] });
      const r = await conn.query<{ n: string }>(
        `SELECT count(DISTINCT email)::text AS n FROM ${dst}.people`,
      );
      expect(r.rows[0]!.n).toBe(String(VALUES.length));
    });
  });

describeNeeding(NO_SERVER ?? NO_PSQL, 'a unique collision in the psql script', () => {
  it('stops the script before anything is written', async () => {
    const db = await createTestDatabase('server');
    try {
      const { dst, plan } = await setUp(db.conn);
      const file = join(mkdtempSync(join(tmpdir(), 'masq-collide-')), 'collide.pg.sql');
      writeFileSync(file, renderScript(collidingProgram(plan), file));
      const psql = spawnSync('psql', ['-q', db.url, '-f', file], {
        encoding: 'utf8',
        env: { ...process.env, MASQ_SALT: SALT },
      });
      expect(psql.status).not.toBe(0);
      expect(psql.stderr).toMatch(/MASQ063: people\.email: 1 masked value/);
      expect(await targetTables(db.conn, dst)).toBe(0);
    } finally {
      await db.dispose();
    }
  });
});
