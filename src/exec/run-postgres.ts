import type { Connection } from '../db/connection.js';
import type { PgProgram, PgTableProgram } from '../emit/postgres/program.js';
import { EXIT, MasqError } from './errors.js';
import type { Reporter, RunSummary, TableSummary } from './progress.js';

export interface PgRunOptions {
  readonly source: Connection;
  /** The same object as `source` when source and target schemas share a database. */
  readonly target: Connection;
  /** Secret values, in the plan's order. */
  readonly secrets: readonly string[];
  readonly batchSize?: number;
  readonly report?: Reporter;
}

interface Progress {
  plan_hash: string | null;
  last_key: string[] | null;
  rows: string | null;
  done: boolean | null;
  target_has_rows: boolean;
}

/**
 * Runs a program batch by batch. Each batch is one target transaction that writes the rows and
 * the checkpoint together, so a run that dies resumes at the last committed batch with no
 * duplicate and no gap. The source is only read.
 */
export async function runPostgres(program: PgProgram, options: PgRunOptions): Promise<RunSummary> {
  const { source, target } = options;
  const same = source === target;
  const started = performance.now();
  if (!same) await source.exec(program.readOnlySession);
  await source.query(program.setupSession, [...options.secrets]);
  await target.exec(program.prepareTarget);
  const tables: TableSummary[] = [];
  for (const table of program.tables) tables.push(await runTable(program, table, options, same));
  return {
    tables,
    rows: tables.reduce((n, t) => n + t.rows, 0),
    seconds: (performance.now() - started) / 1000,
  };
}

async function runTable(
  program: PgProgram,
  table: PgTableProgram,
  options: PgRunOptions,
  same: boolean,
): Promise<TableSummary> {
  const { source, target, report } = options;
  const name = table.plan.name;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  await target.exec(table.createTable);
  const progress = (await target.query<Progress>(table.readProgress, [name])).rows[0]!;
  if (progress.plan_hash !== null && progress.plan_hash !== program.planHash)
    throw new MasqError(
      `target table ${program.plan.target.schema}.${name} was filled by another plan (${progress.plan_hash}, this is ${program.planHash}): drop the target table, or run that plan`,
      EXIT.runtime,
    );
  if (progress.plan_hash === null && progress.target_has_rows)
    throw new MasqError(
      `target table ${program.plan.target.schema}.${name} already holds rows masq did not write: masq will not mix them`,
      EXIT.runtime,
    );
  let rows = Number(progress.rows ?? 0);
  if (progress.done) {
    report?.({ kind: 'table-done', table: name, rows, seconds: seconds(), skipped: true });
    return { table: name, rows, seconds: seconds(), skipped: true };
  }
  const estimate = Number((await source.query<{ n: string }>(table.estimateRows)).rows[0]?.n ?? 0);
  report?.({
    kind: 'table-start',
    table: name,
    estimate: estimate > 0 ? estimate : null,
    resumedRows: rows,
  });

  const batchSize = options.batchSize ?? program.plan.batchSize;
  const limit = table.plan.limit;
  let lo = progress.last_key;
  for (;;) {
    const take = limit === undefined ? batchSize : Math.min(batchSize, limit - rows);
    await target.exec('BEGIN');
    try {
      let hi: string[] | null = null;
      let n = 0;
      if (take > 0) {
        hi =
          (await source.query<{ k: string[] }>(table.nextBound, [lo, take - 1])).rows[0]?.k ?? null;
        n = same
          ? (await target.query(table.insertBatch, [lo, hi])).rowCount
          : await target.copyIn(
              table.copyIn(target.copyEndpoint.from),
              await source.copyOut(table.copyOut(lo, hi, source.copyEndpoint.to)),
            );
      }
      const done = hi === null;
      await target.query(table.saveProgress, [name, program.planHash, hi ?? lo, n, done]);
      await target.exec('COMMIT');
      rows += n;
      report?.({ kind: 'batch', table: name, rows: n, totalRows: rows, seconds: seconds() });
      if (done) break;
      lo = hi;
    } catch (e) {
      await target.exec('ROLLBACK').catch(() => undefined);
      throw new MasqError(
        `copying table ${name} failed after ${rows} committed rows: ${(e as Error).message}\n` +
          'the failed batch was rolled back; run the same command again to continue from the last committed batch',
        EXIT.runtime,
      );
    }
  }
  await target.exec(table.finish);
  report?.({ kind: 'table-done', table: name, rows, seconds: seconds(), skipped: false });
  return { table: name, rows, seconds: seconds(), skipped: false };
}
