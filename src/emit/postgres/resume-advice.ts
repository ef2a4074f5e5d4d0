import type { Plan } from '../../ir/plan.js';
import { qualified } from './quote.js';

/**
 * Why a table's progress refuses a run, and exactly what to do about it: the same words from
 * `masq run` and from the psql script. Every piece of advice is one a rerun then accepts
 * (test/e2e/resume.test.ts and psql-resume.test.ts follow each one).
 */
export interface ResumeAdvice {
  /** The table holds rows no progress row accounts for. */
  readonly foreignRows: string;
  /** Progress written by another plan: the text around that plan's hash, which the psql
   *  script only knows at run time. */
  readonly otherPlan: { readonly before: string; readonly after: string };
  /** Progress written under other secrets. */
  readonly otherSecrets: string;
  /** Why a table with progress starts over: its target table is not the one progress describes. */
  readonly recreated: string;
  /** … or it is copied by row address and stopped half-way. */
  readonly byRowAddressHalfDone: string;
}

/** SQL that makes every table of the plan start over: their progress is then stale. */
export function dropPlanTablesSql(plan: Plan): string {
  return `DROP TABLE ${plan.tables.map((t) => qualified(plan.target.schema, t.name)).join(', ')};`;
}

export function resumeAdvice(plan: Plan, planHash: string, table: string): ResumeAdvice {
  const name = qualified(plan.target.schema, table);
  const startOver = `drop the tables this plan writes (${dropPlanTablesSql(plan)}) and run again`;
  return {
    foreignRows:
      `target table ${name} already holds rows masq did not write: masq will not mix them; ` +
      `empty it (TRUNCATE ${name};) or drop it (DROP TABLE ${name};) and run again`,
    otherPlan: {
      before: `target table ${name} was filled by another plan (`,
      after: `, this is ${planHash}): to fill it with this plan, ${startOver}; or run that plan`,
    },
    otherSecrets:
      `target table ${name} was filled under other secrets (the salt, or a hash_salt rule's salt, ` +
      `is not the one it was started with): continuing would mix two salts in one table. ` +
      `Run again with the secrets it was started with, or, to start over with these, ${startOver}`,
    recreated:
      'the target table was dropped or re-created since its progress was saved: filling it again',
    byRowAddressHalfDone:
      'a table without a key cannot continue a copy that stopped half-way (its rows may have moved): copying it again from the start',
  };
}
