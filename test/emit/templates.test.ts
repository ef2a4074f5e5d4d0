import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { introspect } from '../../src/catalog/introspect.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { postgresTemplates } from '../../src/emit/postgres/templates.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import { createTestDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { ENGINES } from '../support/engines.js';

const DIR = 'templates/postgres';
const TEMPLATES = readdirSync(DIR).filter((f) => f.endsWith('.sql.hbs'));
/** What a mustache may be: a quoting helper call, a partial, or block structure. */
const ALLOWED =
  /^\{\{(?:(?:ident|qualified|literal|number|sql|comment) [^{}]+|> [\w-]+|[#/](?:each|if|unless)\b[^{}]*|else)\}\}$/;

describe('the SQL templates', () => {
  it.each(TEMPLATES)('%s prints only through the quoting helpers', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    expect(text).not.toContain('{{{');
    const mustaches = text.match(/\{\{[^}]*\}\}/g) ?? [];
    expect(mustaches.filter((m) => !ALLOWED.test(m))).toEqual([]);
  });

  it('refuse a plain string where emitter-built SQL is expected', () => {
    const render = postgresTemplates();
    expect(() => render('table-loop', { readProgress: 'DROP TABLE x' })).toThrow(
      /not emitter-built SQL/,
    );
  });
});

/**
 * Names and values that break naive string building, run for real: every identifier went
 * through `ident`, every literal through `literal`, or this fails with a syntax error.
 */
const SOURCE = `
CREATE TABLE src."Order Items" ("Item ID" int PRIMARY KEY, "Unit ""Price""" numeric, "table" text, "buyer's name" text, "100%" boolean);
INSERT INTO src."Order Items" SELECT i, i * 1.5, 'row ' || i, 'Buyer ' || i, i % 2 = 0 FROM generate_series(1, 30) i;
CREATE TABLE src."o'brien" (id int PRIMARY KEY, memo text);
INSERT INTO src."o'brien" VALUES (1, $$it's; DROP TABLE x; --$$), (2, NULL), (3, '$$');
`;
const SPEC = `source postgres env(SOURCE_URL) schema src
target postgres env(TARGET_URL) schema \`dst "x"\`
table \`Order Items\` {
  key \`Item ID\`
  \`Unit "Price"\`  perturb(pct: 1)
  table           keep
  \`buyer's name\`  substitute(full_name)
  \`100%\`          keep
  where "\\"table\\" <> 'row 7'"
}
table \`o'brien\` {
  id    keep
  memo  redact(char: "'")
}
`;

for (const engine of ENGINES) {
  describe(`names and values that need quoting, on ${engine.name}`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(engine.name);
      await db.conn.exec(`CREATE SCHEMA src; ${SOURCE}`);
      const parsed = parseMasq(SPEC, 'quoted.masq');
      const { plan, diagnostics } = analyze(parsed.spec!, await introspect(db.conn, 'src'), 'q');
      const all = [...parsed.diagnostics, ...diagnostics];
      expect(hasErrors(all), formatDiagnostics(all, new Map([['quoted.masq', SPEC]]))).toBe(false);
      await runPostgres(buildProgram(plan!), { source: db.conn, target: db.conn, secrets: ['s'] });
    });
    afterAll(() => db?.dispose());

    it('copies every row the where clause keeps', async () => {
      const r = await db.conn.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM "dst ""x"""."Order Items"`,
      );
      expect(r.rows[0]!.n).toBe('29');
    });

    it('masks values holding quotes, semicolons and dollar signs', async () => {
      const r = await db.conn.query<{ id: number; memo: string | null }>(
        `SELECT id, memo FROM "dst ""x"""."o'brien" ORDER BY id`,
      );
      expect(r.rows.map((row) => row.memo)).toEqual([
        "'".repeat("it's; DROP TABLE x; --".length),
        null,
        "''",
      ]);
    });
  });
}
