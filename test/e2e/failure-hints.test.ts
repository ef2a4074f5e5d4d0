import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { introspect } from '../../src/catalog/introspect.js';
import { MasqError } from '../../src/exec/errors.js';
import type { RunEvent } from '../../src/exec/progress.js';
import { runPlan } from '../../src/exec/run-plan.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import type { Plan } from '../../src/ir/plan.js';
import { createTestDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { ENGINES } from '../support/engines.js';

// Row 1700 divides by zero: a failure in the data that every rerun meets again.
const SPEC = `
source postgres env(SOURCE_URL) schema src
target postgres env(TARGET_URL) schema dst
batch 500
default keep
table t { where "100 / (id - 1700) <> 7" }
`;

for (const engine of ENGINES) {
  describe(`a failure that will repeat, on ${engine.name}`, () => {
    let db: TestDatabase;
    let plan: Plan;

    beforeAll(async () => {
      db = await createTestDatabase(engine.name);
      await db.conn.exec(
        "CREATE SCHEMA src; CREATE TABLE src.t (id int PRIMARY KEY, v text); INSERT INTO src.t SELECT g, 'v' || g FROM generate_series(1, 3000) g;",
      );
      const { spec } = parseMasq(SPEC, 'hints.masq');
      plan = analyze(spec!, await introspect(db.conn, 'src'), 'hints').plan!;
    });
    afterAll(() => db?.dispose());

    it('is not retried, exits 2 and says what to fix instead of "run it again"', async () => {
      const events: RunEvent[] = [];
      const error = await runPlan(plan, {
        sourceUrl: db.url,
        targetUrl: db.url,
        env: { MASQ_SALT: 'salt' },
        report: (e) => events.push(e),
        ...(engine.name === 'pglite' ? { open: new Map([[db.url, db.conn]]) } : {}),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MasqError);
      const { message, exitCode } = error as MasqError;
      expect(exitCode, message).toBe(2);
      expect(message).toMatch(/division by zero/);
      expect(message).toMatch(/would fail the same way \(SQLSTATE 22012\): fix the cause first/);
      expect(message).not.toMatch(/run the same command again/);
      expect(events.filter((e) => e.kind === 'retry')).toEqual([]);
    });
  });
}
