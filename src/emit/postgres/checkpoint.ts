import { ident } from './quote.js';
import type { SqlFragment } from './sql-fragment.js';
import { fragment } from './sql-fragment.js';

/**
 * The checkpoint a batch commits with its rows: the one description of the progress protocol's
 * write side. save-progress.sql.hbs renders its column list and placeholders from it, the
 * executor binds a `Checkpoint` by name, and the psql loop passes its PL/pgSQL variables by
 * name, so no side depends on a column's position.
 */
export interface Checkpoint {
  readonly table_name: string;
  readonly part: number;
  readonly plan_hash: string;
  /** Keyed fingerprint of the run's secrets (secrets-mark.ts): a resume under others is refused. */
  readonly secrets_mark: string;
  /** The last key copied (NULL: none yet); an existing row keeps its own when this is NULL. */
  readonly last_key: readonly string[] | null;
  /** Rows this batch added. */
  readonly rows: number;
  readonly done: boolean;
  readonly end_key: readonly string[] | null;
}

/** Column types, in binding order. The target table's schema and oid are not bound: the
 *  statement writes them (the oid read from the catalog). */
const TYPES: { readonly [K in keyof Checkpoint]-?: string } = {
  table_name: 'text',
  part: 'int',
  plan_hash: 'text',
  secrets_mark: 'text',
  last_key: 'text[]',
  rows: 'bigint',
  done: 'boolean',
  end_key: 'text[]',
};

const FIELDS = Object.keys(TYPES) as (keyof Checkpoint)[];

/** The bind parameters of saveProgress. */
export function checkpointParams(c: Checkpoint): unknown[] {
  return FIELDS.map((f) => c[f]);
}

/** What save-progress.sql.hbs prints: each column with its typed placeholder. */
export function checkpointColumns(): {
  readonly column: SqlFragment;
  readonly param: SqlFragment;
}[] {
  return FIELDS.map((f, i) => ({
    column: fragment(ident(f)),
    param: fragment(`$${i + 1}::${TYPES[f]}`),
  }));
}

/** The USING list of the psql loop's saveProgress, from PL/pgSQL expressions by field. */
export function checkpointUsing(exprs: { readonly [K in keyof Checkpoint]-?: string }): string {
  return FIELDS.map((f) => exprs[f]).join(', ');
}

/**
 * One saved part, as read-progress.sql.hbs names its columns; with no progress saved, one row
 * whose progress columns are all NULL.
 */
export interface SavedProgress {
  readonly plan_hash: string | null;
  readonly secrets_mark: string | null;
  /** The oid of the target table this progress was written into, and the table's oid now. */
  readonly target_oid: string | null;
  readonly current_oid: string;
  readonly last_key: string[] | null;
  readonly rows: string | null;
  readonly done: boolean | null;
  readonly finished: boolean | null;
  readonly target_has_rows: boolean;
  readonly part: number | null;
  readonly end_key: string[] | null;
  readonly parts: string;
}
