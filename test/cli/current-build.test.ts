import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/cli/compile-spec.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { renderScript } from '../../src/emit/postgres/script.js';
import { serializePlan } from '../../src/ir/serialize.js';
import { staleBuildFiles } from '../support/build.js';
import { masq } from '../support/cli.js';

/**
 * The CLI tests run bin/masq.js, which loads dist/: they test the current source only if dist/
 * is built from it. These fail when it is stale (an edit since the last build).
 */
describe('the CLI under test is built from the current source', () => {
  it('dist/ holds a build of every source file at least as new as the file', () => {
    expect(staleBuildFiles()).toEqual([]);
  });

  it('compiles the shop example to the same plan and script as the source does', async () => {
    const out = mkdtempSync(join(tmpdir(), 'masq-build-'));
    const schema = 'test/cases/shop/schema.json';
    const spec = 'configs/examples/shop.masq';
    const r = masq(['compile', spec, '--schema', schema, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);

    const compiled = await compileSpec(spec, {
      overrides: {},
      connections: {},
      env: {},
      schemaFile: schema,
    });
    const plan = compiled.plan!;
    const scriptFile = join(out, `${plan.name}.pg.sql`);
    expect(readFileSync(join(out, `${plan.name}.plan.json`), 'utf8')).toBe(serializePlan(plan));
    expect(readFileSync(scriptFile, 'utf8')).toBe(renderScript(buildProgram(plan), scriptFile));
  });
});
