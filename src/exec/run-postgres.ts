import type { Connection } from '../db/connection.js';
import { transaction } from '../db/transaction.js';
import type { PgProgram, PgTableProgram } from '../emit/postgres/program.js';
import { checkpointParams } from '../emit/postgres/checkpoint.js';
import type { SavedProgress } from '../emit/postgres/checkpoint.js';
import { dropPlanTablesSql } from '../emit/postgres/resume-advice.js';
import { EXIT, MasqError, rerunHint } from './errors.js';
import type { Reporter, RunSummary, TableSummary } from './progress.js';
import type { Resume } from './resume-decision.js';
import { decideResume } from './resume-decision.js';
import { secretsMark } from './secrets-mark.js';

/** A source and target session pair; the same object twice when both are one database. */
export interface Sessions {
  readonly source: Connection;
  readonly target: Connection;
}

export interface PgRunOptions extends Sessions {
  /** Secret values, in the plan's order. */
  readonly secrets: readonly string[];
  readonly batchSize?: number;
  readonly report?: Reporter;
  /** Parts a table's key range is split into, copied side by side (default 1). */
  readonly jobs?: number;
  /** Opens one more session pair for a part; the caller closes what it opened. Without it,
   *  parts run one after the other on the main sessions. */
  readonly openSessions?: () => Promise<Sessions>;
  /** Opens one more source session, to hold the run's snapshot; the caller closes it. Without
   *  it (PGlite: one session) each batch reads the source as it is when the batch runs. */
  readonly openSnapshotSession?: () => Promise<Connection>;
}

interface Part {
  readonly part: number;
  lo: string[] | null;
  readonly end: string[] | null;
}

/** Parts smaller than this many batches are not worth a connection of their own. */
const MIN_BATCHES_PER_PART = 4;

/**
 * Runs a program batch by batch. Each batch is one target transaction that writes the rows and
 * the checkpoint of its part together, so a run that dies resumes at the last committed batch
 * of every part, with no duplicate and no gap. The source is only read.
 */
export async function runPostgres(program: PgProgram, options: PgRunOptions): Promise<RunSummary> {
  const started = performance.now();
  const pool = new SessionPool(program, options);
  await pool.sessions(0);
  const { target } = options;
  const lock = await target.query<{ locked: boolean }>(program.lockTarget);
  if (!lock.rows[0]?.locked)
    throw new MasqError(
      `another masq run is writing into schema ${program.plan.target.schema}: wait for it to end, or stop it`,
      EXIT.runtime,
    );
  try {
    const old = await target.query<{ found: boolean }>(program.findOldProgress);
    if (old.rows[0]?.found) throw new MasqError(program.oldProgressAdvice, EXIT.runtime);
    await refuseCollisions(program, options.source);
    await transaction(target, program.begin({}), () => target.exec(program.prepareTarget));
    const resumed =
      (await target.query<{ resumed: boolean }>(program.hasProgress, [program.planHash])).rows[0]
        ?.resumed === true;
    const mark = secretsMark(options.secrets);
    // Every table's progress is checked before any row is written: a refusal (other plan,
    // other secrets) must not come after other tables were filled under this run's secrets.
    const resumes: Resume[] = [];
    for (const table of program.tables)
      resumes.push(await readResume(program, table, mark, target));
    const tables = await withRunSnapshot(program, options, async (snapshot) => {
      options.report?.({ kind: 'snapshot', exported: snapshot !== undefined, resumed });
      pool.snapshot = snapshot;
      const done: TableSummary[] = [];
      for (const [i, table] of program.tables.entries())
        done.push(await runTable(program, table, resumes[i]!, mark, options, pool));
      return done;
    });
    return {
      tables,
      rows: tables.reduce((n, t) => n + t.rows, 0),
      copied: tables.reduce((n, t) => n + t.copied, 0),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await target.query(program.unlockTarget).catch(() => undefined);
  }
}

/**
 * Stops the run before it writes anything when two distinct source values of a `unique` column
 * would be given one masked value: found at the end instead, by the UNIQUE index the target's
 * finish builds, it would cost the whole copy. Each check reads the source as of one moment,
 * before the run's snapshot is taken (a collision that a write in between creates is still
 * refused, later, by that index).
 */
async function refuseCollisions(program: PgProgram, source: Connection): Promise<void> {
  for (const table of program.tables)
    for (const check of table.uniqueChecks) {
      const collisions = await transaction(source, sourceRead(program, undefined), async () => {
        const suspects = await source.query<{ suspects: string }>(check.suspects);
        if (Number(suspects.rows[0]?.suspects ?? 0) === 0) return 0;
        const found = await source.query<{ collisions: string }>(check.collisions);
        return Number(found.rows[0]?.collisions ?? 0);
      });
      if (collisions === 0) continue;
      const rule = table.plan.columns.find((c) => c.name === check.column)?.rule;
      const where = rule?.origin ? `${rule.origin.file}:${rule.origin.line}: ` : 'masq: ';
      throw new MasqError(
        `${where}error MASQ063: ${table.plan.name}.${check.column}: ${collisions} masked value(s) would be shared by distinct source values (the rare collision unique-suffix.ts bounds); nothing was written. Run under another salt, which masks every value anew`,
        EXIT.runtime,
        { bare: true },
      );
    }
}

async function readResume(
  program: PgProgram,
  table: PgTableProgram,
  secretsMark: string,
  target: Connection,
): Promise<Resume> {
  await target.exec(table.createTable);
  const saved = (await target.query<SavedProgress>(table.readProgress, [table.plan.name])).rows;
  return decideResume(
    saved,
    { planHash: program.planHash, secretsMark, byRowAddress: table.byRowAddress },
    table.advice,
  );
}

async function runTable(
  program: PgProgram,
  table: PgTableProgram,
  resume: Resume,
  secretsMark: string,
  options: PgRunOptions,
  pool: SessionPool,
): Promise<TableSummary> {
  const { source, target, report } = options;
  const name = table.plan.name;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  if (resume.kind === 'skip') {
    const done = { table: name, rows: resume.rows, copied: 0, seconds: seconds(), skipped: true };
    report?.({ kind: 'table-done', ...done });
    return done;
  }
  const resumedRows = resume.kind === 'continue' ? resume.rows : 0;
  let rows = resumedRows;
  const estimate = Number((await source.query<{ n: string }>(table.estimateRows)).rows[0]?.n ?? 0);
  report?.({
    kind: 'table-start',
    table: name,
    estimate: estimate > 0 ? estimate : null,
    resumedRows,
    startedOver: resume.kind === 'start' ? resume.startedOver : null,
  });

  // A table batched by row address is one batch: all its rows (up to its limit).
  const batchSize = table.byRowAddress ? null : (options.batchSize ?? program.plan.batchSize);
  const parts =
    resume.kind === 'start'
      ? await planParts(program, table, resume, secretsMark, options, pool, estimate, batchSize)
      : resume.parts.map((p) => ({ ...p }));

  const copyPart = async (sessions: Sessions, part: Part) => {
    const limit = table.plan.limit;
    for (;;) {
      const take = limit === undefined ? batchSize : Math.min(batchSize ?? Infinity, limit - rows);
      const n = await copyBatch(program, table, sessions, part, take, secretsMark, pool).catch(
        (e: Error) => {
          throw new MasqError(
            `copying table ${name} failed after ${rows} committed rows: ${e.message}\n` +
              `the failed batch was rolled back; ${rerunHint(e)}`,
            EXIT.runtime,
            { cause: e },
          );
        },
      );
      rows += n.rows;
      report?.({ kind: 'batch', table: name, rows: n.rows, totalRows: rows, seconds: seconds() });
      if (n.done || pool.failed) return;
      // PGlite answers without returning to the event loop: let a signal (Ctrl-C) in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await pool.each(parts, copyPart);

  try {
    await transaction(target, program.begin({}), () => target.exec(table.finish));
  } catch (e) {
    throw new MasqError(
      `finishing table ${name} (constraints, indexes, sequences) failed: ${(e as Error).message}\n` +
        `every row is copied but the table is not finished; if a constraint failed, fix its rule, drop the tables this plan writes (${dropPlanTablesSql(program.plan)}) and run again`,
      EXIT.runtime,
      { cause: e },
    );
  }
  const done = {
    table: name,
    rows,
    copied: rows - resumedRows,
    seconds: seconds(),
    skipped: false,
  };
  report?.({ kind: 'table-done', ...done });
  return done;
}

/**
 * Splits the key range into `jobs` parts of about equal row counts and records them, so a
 * resumed run goes on with the same parts whatever its own --jobs. A table with a `limit`
 * or no key stays one part: neither splits into ranges that add up. Stale progress (and the
 * rows of a copy that cannot continue) go in the same transaction. `batchSize` null: one batch.
 */
async function planParts(
  program: PgProgram,
  table: PgTableProgram,
  start: Extract<Resume, { kind: 'start' }>,
  secretsMark: string,
  options: PgRunOptions,
  pool: SessionPool,
  estimate: number,
  batchSize: number | null,
): Promise<Part[]> {
  // Parts that could only run one after the other would gain nothing (PGlite).
  const wanted = options.openSessions ? (options.jobs ?? 1) : 1;
  // A never-analyzed source has no estimate: count it rather than silently not splitting.
  const { source, target } = options;
  // Split points come from the run's snapshot: the parts then cover the rows the batches see.
  const bounds = await transaction(source, sourceRead(program, pool.snapshot), async () => {
    const rows =
      wanted > 1 && estimate === 0
        ? Number((await source.query<{ n: string }>(table.countRows)).rows[0]?.n ?? 0)
        : estimate;
    const jobs = Math.min(
      wanted,
      Math.max(1, Math.floor(rows / ((batchSize ?? Infinity) * MIN_BATCHES_PER_PART))),
    );
    const found: (string[] | null)[] = [null];
    if (jobs > 1 && table.plan.key.kind === 'columns' && table.plan.limit === undefined) {
      for (let i = 1; i < jobs; i++) {
        const offset = Math.floor((rows * i) / jobs);
        const k = (await source.query<{ k: string[] }>(table.splitBound, [offset])).rows[0]?.k;
        if (k) found.push(k);
      }
    }
    return found;
  });
  const parts = bounds.map((lo, i) => ({ part: i, lo, end: bounds[i + 1] ?? null }));
  await transaction(target, program.begin({}), async () => {
    if (start.discard) await target.query(table.discardProgress, [table.plan.name]);
    if (start.empty) await target.exec(table.emptyTarget);
    for (const p of parts)
      await target.query(
        table.saveProgress,
        checkpointParams({
          table_name: table.plan.name,
          part: p.part,
          plan_hash: program.planHash,
          secrets_mark: secretsMark,
          last_key: p.lo,
          rows: 0,
          done: false,
          end_key: p.end,
        }),
      );
  });
  return parts;
}

/**
 * One batch of a part: its rows and its checkpoint in one target transaction. With a run
 * snapshot the batch reads the source as of it: in one database the writing transaction imports
 * it (REPEATABLE READ), across databases the source read is a transaction of its own that
 * imports it. A source of another database is read only inside READ ONLY transactions, whatever
 * a session setting says (spec SQL could change that setting). `take` null: every row to the
 * part's end.
 */
async function copyBatch(
  program: PgProgram,
  table: PgTableProgram,
  { source, target }: Sessions,
  part: Part,
  take: number | null,
  secretsMark: string,
  { snapshot }: SessionPool,
): Promise<{ rows: number; done: boolean }> {
  const sameDatabase = source === target;
  const begin = sameDatabase
    ? program.begin(snapshot ? { isolation: 'repeatable read', snapshot } : {})
    : program.begin({});
  const result = await transaction(target, begin, async () => {
    let hi: string[] | null = null;
    let n = 0;
    let done = true;
    if (take === null || take > 0) {
      const read = async () => {
        const bound =
          take === null
            ? null
            : ((await source.query<{ k: string[] }>(table.nextBound, [part.lo, take - 1, part.end]))
                .rows[0]?.k ?? null);
        // The last batch of a part runs to the part's end (NULL: the end of the table).
        const upTo = bound ?? part.end;
        return {
          bound,
          upTo,
          data: sameDatabase
            ? null
            : await source.copyOut(table.copyOut(part.lo, upTo, source.copyEndpoint.to)),
        };
      };
      const got = sameDatabase
        ? await read()
        : await transaction(source, sourceRead(program, snapshot), read);
      done = got.bound === null;
      hi = got.upTo;
      n = got.data
        ? await target.copyIn(table.copyIn(target.copyEndpoint.from), got.data)
        : (await target.query(table.insertBatch, [part.lo, hi])).rowCount;
    }
    await target.query(
      table.saveProgress,
      checkpointParams({
        table_name: table.plan.name,
        part: part.part,
        plan_hash: program.planHash,
        secrets_mark: secretsMark,
        last_key: hi ?? part.lo,
        rows: n,
        done,
        end_key: part.end,
      }),
    );
    return { rows: n, done, hi };
  });
  part.lo = result.hi;
  return { rows: result.rows, done: result.done };
}

/** A read of the source: READ ONLY, and of the run's snapshot when there is one (or at least
 *  one moment for all its statements: REPEATABLE READ). */
function sourceRead(program: PgProgram, snapshot: string | undefined): string {
  return program.begin({
    readOnly: true,
    isolation: 'repeatable read',
    ...(snapshot ? { snapshot } : {}),
  });
}

/**
 * Runs `work` while a session of its own holds the run's snapshot open (a REPEATABLE READ,
 * READ ONLY transaction that exported it), as `pg_dump -j` does: every table, batch and part
 * then reads the source as of one moment. Without such a session, `work` gets no snapshot.
 */
async function withRunSnapshot<T>(
  program: PgProgram,
  options: PgRunOptions,
  work: (snapshot: string | undefined) => Promise<T>,
): Promise<T> {
  if (!options.openSnapshotSession) return work(undefined);
  const holder = await options.openSnapshotSession();
  return transaction(
    holder,
    program.begin({ readOnly: true, isolation: 'repeatable read' }),
    async () => {
      const id = (await holder.query<{ id: string }>(program.exportSnapshot)).rows[0]?.id;
      if (!id) throw new Error('pg_export_snapshot() returned no snapshot');
      return work(id);
    },
  );
}

/**
 * The sessions parts run on: the caller's pair, and up to jobs − 1 more opened on first use.
 * Each source session gets the plan's settings (secrets, text forms) before its first batch.
 */
class SessionPool {
  private readonly extra: Promise<Sessions>[] = [];
  /** Set when a part failed: the others stop after their current batch. */
  failed = false;
  /** The run's snapshot every batch imports, when a session holds one. */
  snapshot: string | undefined;
  // Sessions are set up once; a WeakSet, so the pool holds no connection alive.
  private readonly ready = new WeakSet<Connection>();

  constructor(
    private readonly program: PgProgram,
    private readonly options: PgRunOptions,
  ) {}

  /** Runs `work` for every part, at most `jobs` at a time, each on a session pair of its own. */
  async each(parts: readonly Part[], work: (s: Sessions, p: Part) => Promise<void>) {
    const queue = [...parts];
    const width = this.options.openSessions
      ? Math.min(this.options.jobs ?? 1, parts.length)
      : Math.min(1, parts.length);
    const workers = Array.from({ length: width }, async (_, i) => {
      try {
        const sessions = await this.sessions(i);
        for (let part = queue.shift(); part; part = queue.shift()) await work(sessions, part);
      } catch (e) {
        this.failed = true;
        queue.length = 0;
        throw e;
      }
    });
    const results = await Promise.allSettled(workers);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Pair `i`: 0 is the caller's; the source is read-only (another database) and set up. */
  async sessions(i: number): Promise<Sessions> {
    const sessions =
      i === 0
        ? { source: this.options.source, target: this.options.target }
        : await (this.extra[i - 1] ??= this.options.openSessions!());
    if (!this.ready.has(sessions.source)) {
      if (sessions.source !== sessions.target)
        await sessions.source.exec(this.program.readOnlySession);
      await sessions.source.query(this.program.setupSession, [...this.options.secrets]);
      this.ready.add(sessions.source);
    }
    return sessions;
  }
}
