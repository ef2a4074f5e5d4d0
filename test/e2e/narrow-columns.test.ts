import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { introspect } from '../../src/catalog/introspect.js';
import type { Connection } from '../../src/db/connection.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import type { Plan } from '../../src/ir/plan.js';
import { ENGINES, uniqueName } from '../support/engines.js';

/**
 * A schema with the widths real ones use, masked with the spec a person would write: the field
 * type named after each column, `unique` where the column is UNIQUE, no workaround.
 */
const COLUMNS = [
  { name: 'first_name', type: 'varchar(10)', width: 10, rule: 'substitute(first_name)' },
  { name: 'last_name', type: 'varchar(20)', width: 20, rule: 'substitute(last_name)' },
  { name: 'full_name', type: 'varchar(30)', width: 30, rule: 'substitute(full_name)' },
  { name: 'city', type: 'varchar(15)', width: 15, rule: 'substitute(city)' },
  { name: 'employer', type: 'varchar(40)', width: 40, rule: 'substitute(company)' },
  { name: 'nick', type: 'char(8)', width: 8, rule: 'substitute(username)' },
  { name: 'email', type: 'varchar(60) UNIQUE', width: 60, rule: 'substitute(email) unique' },
  { name: 'company', type: 'varchar(40) UNIQUE', width: 40, rule: 'substitute(company) unique' },
] as const;
const ROWS = 3000;
const SALT = 'narrow-salt';

/** Source values as long as each column allows, and distinct; every 7th row NULL. */
const SOURCE_ROWS = `
  INSERT INTO src.people
  SELECT i, ${COLUMNS.map((c) => `CASE WHEN i % 7 = 3 THEN NULL ELSE left('${c.name.slice(0, 2)}' || i || repeat('x', 60), ${c.width}) END`).join(', ')}
  FROM generate_series(1, ${ROWS}) AS i`;

const SPEC = `source postgres env(SOURCE_URL) schema src
target postgres env(TARGET_URL) schema dst

table people {
  key id
${COLUMNS.map((c) => `  ${c.name} ${c.rule}`).join('\n')}
}
`;

async function compile(conn: Connection, schema: string, spec: string): Promise<Plan> {
  const parsed = parseMasq(spec, 'narrow.masq');
  const { plan, diagnostics } = analyze(parsed.spec!, await introspect(conn, schema), 'narrow');
  const all = [...parsed.diagnostics, ...diagnostics];
  if (!plan || hasErrors(all))
    throw new Error(formatDiagnostics(all, new Map([['narrow.masq', spec]])));
  return plan;
}

for (const engine of ENGINES)
  describe(`narrow columns on ${engine.name}`, () => {
    let conn: Connection;
    let src: string;
    let dst: string;
    beforeAll(async () => {
      conn = await engine.open();
      src = uniqueName('src');
      dst = uniqueName('dst');
      await conn.exec(
        `CREATE SCHEMA ${src}; CREATE TABLE ${src}.people (id int PRIMARY KEY, ${COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')})`,
      );
      await conn.exec(SOURCE_ROWS.replace('src.people', `${src}.people`));
      const plan = await compile(
        conn,
        src,
        SPEC.replace('schema src', `schema ${src}`).replace('schema dst', `schema ${dst}`),
      );
      await runPostgres(buildProgram(plan), { source: conn, target: conn, secrets: [SALT] });
    });
    afterAll(async () => {
      await conn.exec(`DROP SCHEMA IF EXISTS ${src} CASCADE; DROP SCHEMA IF EXISTS ${dst} CASCADE`);
      await conn.close();
    });

    it.each(COLUMNS)('$name $type: every value fits, NULL stays NULL, none survives', async (c) => {
      const r = await conn.query<{ longest: number; nulls_moved: string; kept: string; n: string }>(
        `SELECT max(char_length(d.${c.name}))::int AS longest,
                count(*) FILTER (WHERE (s.${c.name} IS NULL) <> (d.${c.name} IS NULL))::text AS nulls_moved,
                count(*) FILTER (WHERE d.${c.name} IN (SELECT x.${c.name} FROM ${src}.people x))::text AS kept,
                count(d.${c.name})::text AS n
         FROM ${src}.people s JOIN ${dst}.people d USING (id)`,
      );
      const row = r.rows[0]!;
      expect(Number(row.n)).toBe(ROWS - Math.floor((ROWS + 3) / 7));
      expect(row.longest).toBeLessThanOrEqual(c.width);
      expect(row.nulls_moved).toBe('0');
      expect(row.kept).toBe('0');
    });

    it.each(COLUMNS.filter((c) => c.rule.endsWith('unique')))(
      '$name: unique, by the UNIQUE constraint the target now has',
      async (c) => {
        const r = await conn.query<{ n: string; distinct: string; unique_index: boolean }>(
          `SELECT count(${c.name})::text AS n, count(DISTINCT ${c.name})::text AS distinct,
                  EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                          WHERE i.indrelid = '${dst}.people'::regclass AND i.indisunique AND a.attname = '${c.name}') AS unique_index
           FROM ${dst}.people`,
        );
        expect(r.rows[0]!.distinct).toBe(r.rows[0]!.n);
        expect(r.rows[0]!.unique_index).toBe(true);
      },
    );

    it('writes what a person expects of each field type: real names, addresses at example domains', async () => {
      const r = await conn.query<{ email: string; company: string; nick: string }>(
        `SELECT email, company, nick FROM ${dst}.people WHERE email IS NOT NULL ORDER BY id LIMIT 50`,
      );
      for (const row of r.rows) {
        expect(row.email).toMatch(/^[^@\s]+\.[0-9a-z]{12}@example\.(com|org|net)$/);
        expect(row.company).toMatch(/^.+-[0-9a-z]{12}$/);
        // char(8) pads: the username is what is left of the padding.
        expect(row.nick.trimEnd().length).toBeGreaterThan(0);
      }
    });
  });
