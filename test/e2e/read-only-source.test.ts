import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { introspect } from '../../src/catalog/introspect.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import type { Plan } from '../../src/ir/plan.js';
import { createTestDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { ENGINES } from '../support/engines.js';

const SPEC = `
source postgres env(SOURCE_URL) schema src
target postgres env(TARGET_URL) schema dst
batch 400
default keep
table t { }
`;

// Turns the session's default back to read-write, then writes (nextval) wherever the statement
// runs in a read-write transaction. A plan file is user input: the compiler's checks of
// \`where\` do not protect a plan edited by hand, so this one is put into the plan directly.
const UNDO_READ_ONLY =
  "set_config('default_transaction_read_only', 'off', false) IS NOT NULL AND " +
  "(current_setting('transaction_read_only') = 'on' OR nextval('src.s') > 0)";

for (const engine of ENGINES) {
  describe(`the source of another database is only read, on ${engine.name}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    let plan: Plan;

    beforeAll(async () => {
      source = await createTestDatabase(engine.name);
      target = await createTestDatabase(engine.name);
      await source.conn.exec(
        'CREATE SCHEMA src; CREATE SEQUENCE src.s; CREATE TABLE src.t (id int PRIMARY KEY, v text); ' +
          "INSERT INTO src.t SELECT g, 'v' || g FROM generate_series(1, 2000) g;",
      );
      const compiled = analyze(
        parseMasq(SPEC, 'ro.masq').spec!,
        await introspect(source.conn, 'src'),
        'ro',
      ).plan!;
      plan = { ...compiled, tables: compiled.tables.map((t) => ({ ...t, where: UNDO_READ_ONLY })) };
    });
    afterAll(async () => {
      await source?.dispose();
      await target?.dispose();
    });

    it('reads inside READ ONLY transactions that a set_config in the plan cannot undo', async () => {
      await runPostgres(buildProgram(plan), {
        source: source.conn,
        target: target.conn,
        secrets: ['salt'],
        batchSize: 400,
      });
      const copied = await target.conn.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM dst.t',
      );
      expect(copied.rows[0]!.n).toBe('2000');
      const seq = await source.conn.query<{ is_called: boolean }>('SELECT is_called FROM src.s');
      expect(seq.rows[0]!.is_called).toBe(false);
    });
  });
}
