import type { Plan } from '../../ir/plan.js';
import { qualified } from './quote.js';

/**
 * Where masq's own objects live in the target database: one progress log and its view, in the
 * plan's bookkeeping schema, never among the user's tables. Several target schemas of one
 * database share them, so every progress row names its target schema and every statement that
 * reads or deletes progress asks for its own.
 */
export interface BookkeepingView {
  readonly schema: string;
  readonly log: string;
  readonly progress: string;
  /** The plan's target schema: the progress rows this plan reads and writes. */
  readonly targetSchema: string;
}

export function bookkeepingView(plan: Plan): BookkeepingView {
  return {
    schema: plan.bookkeeping.schema,
    log: 'progress_log',
    progress: 'progress',
    targetSchema: plan.target.schema,
  };
}

/** What earlier versions of masq kept in the target schema itself. */
export const OLD_PROGRESS = ['_masq_progress_log', '_masq_progress'] as const;

/**
 * Why a target schema holding an earlier version's progress is refused, and what starts over.
 * That progress is not read here: left in place, a half-done table would look filled by
 * someone else and a finished one would be refused, so the run stops before anything is made.
 */
export function oldProgressAdvice(plan: Plan): string {
  const target = plan.target.schema;
  const [log, table] = OLD_PROGRESS.map((name) => qualified(target, name));
  const tables = plan.tables.map((t) => qualified(target, t.name)).join(', ');
  return (
    `schema ${target} holds the progress of an earlier masq version (${log} or ${table}), ` +
    `which this one does not read: masq now keeps its progress in schema ${plan.bookkeeping.schema}. ` +
    `To start over, drop it and the tables it describes ` +
    `(DROP TABLE IF EXISTS ${log} CASCADE; DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${tables};) and run again`
  );
}
