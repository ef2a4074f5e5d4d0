import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../src/cli/compile-spec.js';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../src/diagnostics/format.js';
import { buildProgram } from '../src/emit/postgres/program.js';
import { renderScript } from '../src/emit/postgres/script.js';
import { serializePlan } from '../src/ir/serialize.js';

/**
 * sqlc-style golden cases: each directory under test/cases holds an input spec, optionally a
 * schema snapshot, and what masq must make of it. `UPDATE_GOLDEN=1 npm test` rewrites the
 * expected files; otherwise any difference fails with a diff.
 */
const CASES = 'test/cases';
const INPUTS = ['input.masq', 'input.yaml'];
const EXPECTED = ['expected.plan.json', 'expected.pg.sql', 'expected.stderr.txt'];
const update = Boolean(process.env.UPDATE_GOLDEN);

const cases = readdirSync(CASES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** What masq makes of a case: the plan and script of a valid spec, the diagnostics of any other. */
async function outputs(dir: string): Promise<Map<string, string>> {
  const input = INPUTS.find((f) => existsSync(posix.join(dir, f)));
  if (!input) throw new Error(`${dir} has no ${INPUTS.join(' or ')}`);
  const schemaFile = posix.join(dir, 'schema.json');
  // Relative paths: diagnostics and plans name the file as given, so goldens do not depend on
  // where the repository is checked out.
  const compiled = await compileSpec(posix.join(dir, input), {
    overrides: {},
    connections: {},
    env: {},
    ...(existsSync(schemaFile) ? { schemaFile } : {}),
  });
  const out = new Map<string, string>();
  if (compiled.diagnostics.length > 0)
    out.set(
      'expected.stderr.txt',
      formatDiagnostics(compiled.diagnostics, compiled.sources) + '\n',
    );
  if (compiled.plan && !hasErrors(compiled.diagnostics)) {
    const plan = compiled.plan;
    out.set('expected.plan.json', serializePlan(plan));
    out.set('expected.pg.sql', renderScript(buildProgram(plan), `out/${plan.name}.pg.sql`));
  }
  return out;
}

describe('golden cases', () => {
  it('there are cases to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = posix.join(CASES, name);
      const actual = await outputs(dir);
      if (update) {
        for (const file of EXPECTED) {
          const text = actual.get(file);
          if (text === undefined) rmSync(posix.join(dir, file), { force: true });
          else writeFileSync(posix.join(dir, file), text);
        }
        return;
      }
      const present = EXPECTED.filter((f) => existsSync(posix.join(dir, f)));
      if (present.length === 0)
        throw new Error(
          `${dir} has no expected.* file: run UPDATE_GOLDEN=1 npm test, then read what it wrote`,
        );
      // Compared as one object, so which outputs exist is part of the expectation too: a spec
      // that starts failing (or passing) shows its new output in the diff.
      const expected = Object.fromEntries(
        present.map((f) => [f, readFileSync(posix.join(dir, f), 'utf8')]),
      );
      expect(Object.fromEntries(actual)).toEqual(expected);
    });
  }
});
