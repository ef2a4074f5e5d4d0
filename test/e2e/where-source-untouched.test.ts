import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/cli/compile-spec.js';
import type { Compiled } from '../../src/cli/compile-spec.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { renderScript } from '../../src/emit/postgres/script.js';
import { runPlan } from '../../src/exec/run-plan.js';
import { NO_PSQL } from '../support/cli.js';
import { createTestDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { ENGINES } from '../support/engines.js';

const SALT = 'where-e2e-salt';

/**
 * Predicates that, before the where check parsed them, wrote to the source (the psql script's
 * EXECUTE ran the DELETE; a masq run advanced and reset the sequence, ran purge()) or made its
 * session writable again.
 */
const ATTACKS = [
  "E'\\'' IS NOT NULL); DELETE FROM public.canary; SELECT NULL::text[] AS k FROM public.t AS s WHERE true --'",
  "nextval('public.s') > 0",
  "pg_catalog.setval('public.s', 100) > 0",
  "set_config('default_transaction_read_only', 'off', false) IS NOT NULL",
  'public.purge()',
  'purge()',
];

const SETUP = `
CREATE TABLE public.t (id int PRIMARY KEY, status text NOT NULL);
INSERT INTO public.t SELECT g, CASE WHEN g % 2 = 0 THEN 'even' ELSE 'odd' END FROM generate_series(1, 40) g;
CREATE TABLE public.canary (id int);
INSERT INTO public.canary SELECT generate_series(1, 5);
CREATE SEQUENCE public.s;
SELECT nextval('public.s');
CREATE FUNCTION public.purge() RETURNS boolean LANGUAGE sql VOLATILE
  AS 'DELETE FROM public.canary; SELECT true';
CREATE FUNCTION public.is_even(int) RETURNS boolean LANGUAGE sql IMMUTABLE
  AS 'SELECT $1 % 2 = 0';
`;

function specText(target: string, predicate: string): string {
  const literal = '"' + predicate.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  return `source postgres env(SOURCE_URL) schema public
target postgres env(TARGET_URL) schema ${target}
salt env(MASQ_SALT)
default keep
skip table canary

table t {
  where ${literal}
}
`;
}

for (const engine of ENGINES) {
  describe(`a where predicate cannot change the source, on ${engine.name}`, () => {
    let db: TestDatabase;
    let dir: string;
    let n = 0;

    beforeAll(async () => {
      db = await createTestDatabase(engine.name);
      await db.conn.exec(SETUP);
      dir = mkdtempSync(join(tmpdir(), 'masq-where-'));
    });
    afterAll(async () => {
      await db?.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function compile(predicate: string): Promise<{ compiled: Compiled; target: string }> {
      const target = `masked_${++n}`;
      const file = join(dir, `w${n}.masq`);
      writeFileSync(file, specText(target, predicate));
      const compiled = await compileSpec(file, {
        overrides: {},
        connections: {},
        env: {},
        source: db.conn,
      });
      return { compiled, target };
    }

    async function sourceState(): Promise<string> {
      const r = await db.conn.query<{ canary: string; seq: string; ro: string }>(
        `SELECT (SELECT count(*) FROM public.canary)::text AS canary,
                (SELECT last_value FROM public.s)::text AS seq`,
      );
      return JSON.stringify(r.rows[0]);
    }

    /** Runs what compiled, as `masq run` and as the psql script would (the server only). */
    async function runEverywhere(compiled: Compiled): Promise<void> {
      const plan = compiled.plan;
      if (!plan) return;
      const url = engine.name === 'pglite' ? 'pglite:memory#where' : db.url;
      const open = new Map([[url, db.conn]]);
      await runPlan(plan, { sourceUrl: url, targetUrl: url, env: { MASQ_SALT: SALT }, open }).catch(
        () => undefined,
      );
      if (engine.name === 'server' && !NO_PSQL) {
        const script = join(dir, `${plan.name}.pg.sql`);
        writeFileSync(script, renderScript(buildProgram(plan), script));
        spawnSync('psql', [db.url, '-q', '-v', `masq_salt=${SALT}`, '-f', script], {
          encoding: 'utf8',
          env: { ...process.env, MASQ_SALT: SALT },
        });
      }
    }

    for (const predicate of ATTACKS)
      it(`refuses, and nothing in the source changes: ${predicate}`, async () => {
        const before = await sourceState();
        const { compiled } = await compile(predicate);
        await runEverywhere(compiled);
        expect(await sourceState()).toBe(before);
        expect(compiled.plan).toBeUndefined();
        expect(compiled.diagnostics.map((d) => d.code)).toContain('MASQ051');
      });

    it('refuses a built-in name that a volatile function of the source can shadow', async () => {
      await db.conn.exec(
        `CREATE FUNCTION public.lower(varchar) RETURNS text LANGUAGE sql VOLATILE AS 'SELECT $1'`,
      );
      try {
        const { compiled } = await compile("lower(status) <> ''");
        expect(compiled.diagnostics.map((d) => d.message)).toEqual([
          'lower() is not allowed: public.lower() is volatile (it may change the database or return a new value on each call)',
        ]);
      } finally {
        await db.conn.exec('DROP FUNCTION public.lower(varchar)');
      }
    });

    it('judges an operator of the source by the function behind it', async () => {
      await db.conn.exec(`
        CREATE FUNCTION public.near(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE
          AS 'SELECT abs($1 - $2) < 3';
        CREATE OPERATOR public.<%%> (LEFTARG = int, RIGHTARG = int, FUNCTION = public.near);
        CREATE FUNCTION public.touch(int, int) RETURNS boolean LANGUAGE sql VOLATILE AS 'SELECT true';
        CREATE OPERATOR public.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = public.touch);`);
      expect((await compile('id <%%> 10')).compiled.diagnostics).toEqual([]);
      expect((await compile('id === 1')).compiled.diagnostics.map((d) => d.message)).toEqual([
        'operator === is not allowed: public.touch() is volatile (it may change the database or return a new value on each call)',
      ]);
    });

    it('accepts a function the source catalog says is immutable, and filters with it', async () => {
      const { compiled, target } = await compile("public.is_even(id) AND status <> 'odd'");
      expect(compiled.diagnostics).toEqual([]);
      await runEverywhere(compiled);
      const r = await db.conn.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM ${target}.t WHERE status = 'even'`,
      );
      expect(r.rows[0]!.n).toBe('20');
    });
  });
}
