import type { SavedProgress } from '../emit/postgres/checkpoint.js';
import type { ResumeAdvice } from '../emit/postgres/resume-advice.js';
import { EXIT, MasqError } from './errors.js';

/** A part of a table's key range still to copy: after `lo` (NULL: from the start) up to `end`. */
export interface PendingPart {
  readonly part: number;
  readonly lo: string[] | null;
  readonly end: string[] | null;
}

/** What a run does with one table, decided from its saved progress before anything is written. */
export type Resume =
  | {
      readonly kind: 'start';
      /** Progress rows that describe another table (or a copy that cannot continue): deleted
       *  in the transaction that records the new parts. */
      readonly discard: boolean;
      /** Rows of a copy that cannot continue, removed in that same transaction. */
      readonly empty: boolean;
      /** Why a table with progress starts over, for the user; null when it had none. */
      readonly startedOver: string | null;
    }
  | { readonly kind: 'skip'; readonly rows: number }
  | { readonly kind: 'continue'; readonly rows: number; readonly parts: readonly PendingPart[] };

export interface Expected {
  readonly planHash: string;
  readonly secretsMark: string;
  /** Batches are bounded by row address (no key): valid within one snapshot only. */
  readonly byRowAddress: boolean;
}

/**
 * The progress protocol's read side. Progress belongs to the target table it was written into
 * (its oid) and to the plan and secrets that wrote it; a resume goes on only when all three are
 * this run's, and never by row address.
 */
export function decideResume(
  saved: readonly SavedProgress[],
  expected: Expected,
  advice: ResumeAdvice,
): Resume {
  const first = saved[0]!;
  const refuse = (message: string) => new MasqError(message, EXIT.runtime);
  if (first.plan_hash === null) {
    if (first.target_has_rows) throw refuse(advice.foreignRows);
    return { kind: 'start', discard: false, empty: false, startedOver: null };
  }
  if (saved.some((p) => p.target_oid !== p.current_oid)) {
    if (first.target_has_rows) throw refuse(advice.foreignRows);
    return {
      kind: 'start',
      discard: true,
      empty: false,
      startedOver: advice.recreated,
    };
  }
  if (first.plan_hash !== expected.planHash)
    throw refuse(advice.otherPlan.before + first.plan_hash + advice.otherPlan.after);
  if (saved.some((p) => p.secrets_mark !== expected.secretsMark)) throw refuse(advice.otherSecrets);
  const rows = saved.reduce((n, p) => n + Number(p.rows ?? 0), 0);
  if (first.finished) return { kind: 'skip', rows };
  const pending = saved.filter((p) => !p.done);
  if (expected.byRowAddress && pending.length > 0)
    return {
      kind: 'start',
      discard: true,
      empty: true,
      startedOver: advice.byRowAddressHalfDone,
    };
  return {
    kind: 'continue',
    rows,
    parts: pending.map((p) => ({ part: p.part!, lo: p.last_key, end: p.end_key })),
  };
}
