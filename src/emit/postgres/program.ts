import type { Plan, TablePlan } from '../../ir/plan.js';
import { planHash } from '../../ir/serialize.js';
import { bookkeepingView, OLD_PROGRESS, oldProgressAdvice } from './bookkeeping.js';
import { STRATEGIES } from '../../strategies/registry.js';
import { checkpointColumns } from './checkpoint.js';
import { createTableView } from './create-table.js';
import { keySql } from './key-sql.js';
import type { ResumeAdvice } from './resume-advice.js';
import { resumeAdvice } from './resume-advice.js';
import { BLOCK_TAG, withDollarTags } from './dollar-tags.js';
import { literal, qualified } from './quote.js';
import { SEED_SETTING, secretSetting, seedFromSaltSql } from './secrets-sql.js';
import { sequenceNames } from './sequence-names.js';
import { fragment } from './sql-fragment.js';
import { tableView, uniqueCheckView } from './table-view.js';
import { postgresTemplates } from './templates.js';

/**
 * Every statement a PostgreSQL run needs, made from the plan alone. The executor binds and
 * runs them; the psql script wraps the very same texts in a loop.
 */
export interface PgProgram {
  readonly plan: Plan;
  readonly planHash: string;
  /** Pins the session's text forms of values and puts the secrets into session settings;
   *  parameter $i+1 is secret i. Runs on the connection that evaluates the masking. */
  readonly setupSession: string;
  /** Creates the target schema, the bookkeeping schema and its progress log; runs inside a
   *  transaction (it holds a lock until its end). */
  readonly prepareTarget: string;
  /** → `found`: whether the target schema holds an earlier version's progress, which this
   *  one does not read; the run is then refused with `oldProgressAdvice`. */
  readonly findOldProgress: string;
  readonly oldProgressAdvice: string;
  /** $1 plan hash → `resumed`: whether an earlier run of this plan committed progress here. */
  readonly hasProgress: string;
  /** → `locked`: whether this session now holds the target schema's masq lock. Two runs into
   *  one target would copy the same batches twice, and with keys only built at the end
   *  nothing would stop them before then. */
  readonly lockTarget: string;
  readonly unlockTarget: string;
  /** Makes a session refuse every write: the source's, when it is another database. */
  readonly readOnlySession: string;
  /** Opens a transaction as asked; the executor keeps no BEGIN of its own (see db/transaction). */
  begin(options: TransactionOptions): string;
  /** → `id`: the open REPEATABLE READ transaction's snapshot, for other sessions to import. */
  readonly exportSnapshot: string;
  readonly tables: readonly PgTableProgram[];
}

export interface TransactionOptions {
  readonly readOnly?: boolean;
  readonly isolation?: 'read committed' | 'repeatable read';
  /** A snapshot id from `exportSnapshot`: the transaction then sees what its exporter sees
   *  (it needs REPEATABLE READ). */
  readonly snapshot?: string;
}

export interface PgTableProgram {
  readonly plan: TablePlan;
  readonly createTable: string;
  /** The planner's row count of the source table (partitions included), for progress. */
  readonly estimateRows: string;
  /** $1 table name → one `SavedProgress` row per part (checkpoint.ts names the columns);
   *  nothing saved yet: one row, its progress columns NULL. */
  readonly readProgress: string;
  /** $1 table name: deletes its progress rows (they describe a table that is gone). */
  readonly discardProgress: string;
  /** Removes every target row: a copy by row address that stopped half-way starts over. */
  readonly emptyTarget: string;
  /** Batches bounded by `ctid`: the table is copied in one batch (key-sql.ts says why). */
  readonly byRowAddress: boolean;
  /** What to tell the user when the table's progress refuses this run. */
  readonly advice: ResumeAdvice;
  /** $1 lower bound (text[] or NULL), $2 rows to skip, $3 the part's upper bound (or NULL)
   *  → the key closing the batch, or no row. */
  readonly nextBound: string;
  /** $1 rows to skip, filters aside → the key there: where `--jobs` splits the key range. */
  readonly splitBound: string;
  /** The source's exact row count, for a split when the planner has no estimate. */
  readonly countRows: string;
  /** Same database: $1 lower bound (exclusive), $2 upper bound (inclusive, NULL = none). */
  readonly insertBatch: string;
  /** Another database: the masked rows of a batch, bounds as literals (COPY takes no parameters). */
  copyOut(lo: readonly string[] | null, hi: readonly string[] | null, endpoint: string): string;
  copyIn(endpoint: string): string;
  /** Binds a `Checkpoint` (checkpointParams); records the target table's oid itself. */
  readonly saveProgress: string;
  /** One per `unique` rule, run before anything is written (a collision would otherwise fail
   *  the load at its end): `suspects` → how many distinct source values share their suffix
   *  bits with another; only if some do, `collisions` → how many masked values two distinct
   *  source values share (table-view.ts, uniqueCheckView). */
  readonly uniqueChecks: readonly UniqueCheck[];
  /** Constraints, indexes, sequences, statistics, and the table marked finished: one
   *  transaction, run once every part is done. */
  readonly finish: string;
}

export interface UniqueCheck {
  readonly column: string;
  readonly suspects: string;
  readonly collisions: string;
}

export function buildProgram(plan: Plan): PgProgram {
  const render = postgresTemplates();
  const hash = planHash(plan);
  const bookkeeping = bookkeepingView(plan);
  const target = { schema: plan.target.schema, bookkeeping };
  const sequences = sequenceNames(plan);
  const [oldLog, oldTable] = OLD_PROGRESS.map((name) => qualified(plan.target.schema, name));
  return {
    plan,
    planHash: hash,
    setupSession: sessionSetupSql(plan, (i) => `$${i + 1}`),
    prepareTarget: withDollarTags(
      render('progress-table', { ...target, tag: fragment(BLOCK_TAG) }),
    ),
    findOldProgress: render('old-progress', { log: oldLog, table: oldTable }),
    oldProgressAdvice: oldProgressAdvice(plan),
    hasProgress: render('has-progress', target),
    lockTarget: render('lock-target', { key: `masq:${plan.target.schema}` }),
    unlockTarget: render('unlock-target', { key: `masq:${plan.target.schema}` }),
    readOnlySession: render('read-only-session', {}),
    begin: ({ readOnly = false, isolation = 'read committed', snapshot }) =>
      render('begin-transaction', {
        readOnly,
        repeatableRead: isolation === 'repeatable read',
        snapshot,
      }),
    exportSnapshot: render('export-snapshot', {}),
    tables: plan.tables.map((table): PgTableProgram => {
      const view = tableView(plan, table, '$1', '$2');
      const tables = { target: view.target, source: view.source, bookkeeping };
      return {
        plan: table,
        createTable: render('create-table', createTableView(table, plan.target.schema, sequences)),
        estimateRows: render('estimate-rows', tables),
        readProgress: render('read-progress', tables),
        discardProgress: render('discard-progress', tables),
        emptyTarget: render('empty-target', tables),
        byRowAddress: keySql(table.key).byRowAddress,
        advice: resumeAdvice(plan, hash, table.name),
        nextBound: render('next-bound', view),
        splitBound: render('split-bound', view),
        countRows: render('count-rows', tables),
        insertBatch: render('insert-batch', view),
        copyOut: (lo, hi, endpoint) =>
          render('copy-out', {
            ...tableView(plan, table, keyLiteral(lo), keyLiteral(hi)),
            endpoint: fragment(endpoint),
          }),
        copyIn: (endpoint) => render('copy-in', { ...view, endpoint: fragment(endpoint) }),
        saveProgress: render('save-progress', { ...tables, checkpoint: checkpointColumns() }),
        uniqueChecks: table.columns
          // Only a strategy that is unique on request can collide: hash_salt cannot.
          .filter(
            (c) =>
              c.rule.unique && STRATEGIES.get(c.rule.strategy)?.distinctOutputs === 'on-request',
          )
          .map((c) => {
            const check = uniqueCheckView(plan, table, c);
            return {
              column: c.name,
              suspects: render('unique-suspects', check),
              collisions: render('unique-check', check),
            };
          }),
        finish: withDollarTags(
          render('finish-table', {
            ...createTableView(table, plan.target.schema, sequences),
            bookkeeping,
          }),
        ),
      };
    }),
  };
}

/**
 * One SELECT that fixes how values turn into text (hashes are taken of that text, so a
 * timestamptz must not hash differently under another TimeZone) and puts every secret, and the
 * fast-hash seed, into session settings.
 */
export function sessionSetupSql(plan: Plan, param: (index: number) => string): string {
  const sets = [
    `set_config('TimeZone', 'UTC', false)`,
    `set_config('DateStyle', 'ISO, YMD', false)`,
    `set_config('extra_float_digits', '1', false)`,
    ...plan.secrets.map((_, i) => `set_config('${secretSetting(i)}', ${param(i)}, false)`),
  ];
  if (plan.hashMode === 'fast')
    sets.push(`set_config('${SEED_SETTING}', ${seedFromSaltSql(param(0))}::text, false)`);
  return `SELECT ${sets.join(', ')}`;
}

function keyLiteral(key: readonly string[] | null): string {
  if (key === null) return 'NULL';
  return `ARRAY[${key.map((k) => literal(k)).join(', ')}]`;
}
