import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Failure, FuzzCase } from './spec-fuzz.js';
import { Compiler, failuresOf, generated, mutated, SEEDS } from './spec-fuzz.js';

/** FUZZ_SURVEY=1: count every kind of failure and print one example of each, instead of stopping. */
const SURVEY = Boolean(process.env.FUZZ_SURVEY);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** Per case: generous, as the machine is shared; a parse takes a few milliseconds. */
const TIMEOUT_MS = 10_000;

/**
 * Property-based: generated and mutated specs through both front-ends (DSL, YAML own and
 * pipeline forms), compiled as `masq compile` does, offline. No crash, no hang, every
 * diagnostic on the right place. FUZZ_SEED replays a run (fast-check prints the seed of a failure).
 */
export function fuzzSuite(runs: number): void {
  describe(`fuzzing the front-ends (${runs} generated and ${runs} mutated specs)`, () => {
    const compiler = new Compiler(TIMEOUT_MS);
    const survey = new Map<string, string>();
    const counts = new Map<string, number>();
    afterAll(async () => {
      await compiler.close();
      for (const [kind, example] of survey)
        console.info(`fuzz survey: ${counts.get(kind)} × ${kind}\n${example}\n`);
    });

    const property = (arb: fc.Arbitrary<FuzzCase>) =>
      fc.asyncProperty(arb, async (c) => {
        const failures = await failuresOf(compiler, c);
        if (SURVEY) {
          for (const f of failures) {
            const kind = `${f.kind} in ${f.case.file}: ${f.detail
              .split('\n')[0]!
              .replace(/"(?:[^"\\]|\\.)*"|\d+/g, '…')
              .slice(0, 160)}`;
            if (!survey.has(kind)) survey.set(kind, describeFailures([f]));
            counts.set(kind, (counts.get(kind) ?? 0) + 1);
          }
          return;
        }
        if (failures.length > 0) throw new Error(describeFailures(failures));
      });

    it('starts from every shipped example, in both front-ends', () => {
      expect(SEEDS.some((s) => s.file === 'fuzz.masq')).toBe(true);
      expect(SEEDS.some((s) => s.text.includes('pipelines:'))).toBe(true);
      expect(SEEDS.some((s) => s.text.includes('tables:'))).toBe(true);
    });

    it(`compiles ${runs} generated specs without a crash, a hang or a misplaced diagnostic`, async () => {
      await fc.assert(property(generated), { numRuns: runs, ...(SEED ? { seed: SEED } : {}) });
    });

    it(`compiles ${runs} mutated specs without a crash, a hang or a misplaced diagnostic`, async () => {
      await fc.assert(property(mutated), { numRuns: runs, ...(SEED ? { seed: SEED } : {}) });
    });
  });
}

function describeFailures(failures: readonly Failure[]): string {
  const c = failures[0]!.case;
  return [
    ...failures.map((f) => `${f.kind}: ${f.detail}`),
    `in ${c.file}${c.schema ? ' (with a schema)' : ''}:`,
    JSON.stringify(c.text),
  ].join('\n');
}
