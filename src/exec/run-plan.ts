import type { Connection } from '../db/connection.js';
import { pgliteLocation, sameDatabase } from '../db/identity.js';
import { openConnection, redactUrl } from '../db/open.js';
import { buildProgram } from '../emit/postgres/program.js';
import type { Plan } from '../ir/plan.js';
import { checkDrift } from './check-drift.js';
import { EXIT, isTransient, MasqError, rerunHint } from './errors.js';
import type { Reporter, RunSummary } from './progress.js';
import type { Env } from './resolve-refs.js';
import { resolveSecret } from './resolve-refs.js';
import { runPostgres } from './run-postgres.js';
import { knownSecrets } from '../secrets/scrubber.js';

export interface RunPlanOptions {
  readonly sourceUrl: string;
  readonly targetUrl: string;
  readonly env: Env;
  readonly batchSize?: number;
  /** Connections per table, each copying a part of its key range (servers only). */
  readonly jobs?: number;
  readonly report?: Reporter;
  /** Already open connections by URL (the demo's embedded database), used instead of opening. */
  readonly open?: ReadonlyMap<string, Connection>;
  /** Waits before each new attempt after a transient failure (default RETRY_DELAYS_MS). */
  readonly retryDelaysMs?: readonly number[];
}

/** Back-off between attempts: about 8 s in all before masq gives up. */
export const RETRY_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 4000];

/**
 * Runs the plan, and after a transient failure (a lost session, a serialization failure: see
 * isTransient) opens new sessions and runs it again, which resumes from the last committed
 * batch of every table, as a rerun by the user would. Other failures stop at once.
 */
export async function runPlan(plan: Plan, options: RunPlanOptions): Promise<RunSummary> {
  // Connections handed in cannot be opened again: nothing to retry with.
  const delays = options.open?.size ? [] : (options.retryDelaysMs ?? RETRY_DELAYS_MS);
  for (let attempt = 0; ; attempt++) {
    try {
      return await runOnce(plan, options);
    } catch (e) {
      const wait = delays[attempt];
      // A database error outside a batch (preparing the target, recording parts) is no bug of
      // masq's: it gets the same telling message and hint as a batch's.
      if (!isTransient(e)) throw e instanceof MasqError ? e : gaveUp(e, attempt + 1);
      if (wait === undefined) throw gaveUp(e, attempt + 1);
      options.report?.({
        kind: 'retry',
        attempt: attempt + 1,
        of: delays.length,
        reason: (e as Error).message.split('\n')[0] ?? '',
        waitSeconds: wait / 1000,
      });
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function gaveUp(e: unknown, attempts: number): MasqError {
  const message = (e as Error).message;
  const tried = attempts > 1 ? `\n(stopped after ${attempts} attempts)` : '';
  if (e instanceof MasqError) return new MasqError(message + tried, e.exitCode, { cause: e });
  return new MasqError(`the run stopped: ${message}\n${rerunHint(e)}${tried}`, EXIT.runtime, {
    cause: e,
  });
}

/** Opens the databases, checks the schema has not drifted, and runs the plan. */
async function runOnce(plan: Plan, options: RunPlanOptions): Promise<RunSummary> {
  refuseSameSchema(plan, options.sourceUrl === options.targetUrl);
  const secrets = plan.secrets.map((s) => resolveSecret(s, options.env));
  for (const secret of secrets) knownSecrets.addSecret(secret);
  const opened: Connection[] = [];
  const open = async (url: string, role: string) => {
    const existing = options.open?.get(url);
    if (existing) return existing;
    try {
      const conn = await openConnection(url);
      opened.push(conn);
      return conn;
    } catch (e) {
      if (e instanceof MasqError) throw e;
      throw new MasqError(
        `cannot connect to the ${role} ${redactUrl(url)}: ${(e as Error).message}`,
        EXIT.runtime,
        { cause: e },
      );
    }
  };
  try {
    const source = await open(options.sourceUrl, 'source');
    const target = await openTarget(options, source, open, opened);
    // One database, however its URLs are spelt: one session, and never into the source schema.
    const same = source === target;
    refuseSameSchema(plan, same);
    await checkDrift(plan, source);
    // More sessions can be opened only on a server: PGlite is one session in this process.
    const canOpenMore =
      !options.open?.size &&
      source.engine === 'postgres-server' &&
      target.engine === 'postgres-server';
    return await runPostgres(buildProgram(plan), {
      source,
      target,
      secrets,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.report ? { report: options.report } : {}),
      ...(options.jobs ? { jobs: options.jobs } : {}),
      ...(canOpenMore
        ? {
            openSessions: async () => {
              const s = await open(options.sourceUrl, 'source');
              return { source: s, target: same ? s : await open(options.targetUrl, 'target') };
            },
            openSnapshotSession: () => open(options.sourceUrl, 'source'),
          }
        : {}),
    });
  } finally {
    for (const conn of opened) await conn.close().catch(() => undefined);
  }
}

/**
 * The target's connection: the source's own when both name one database. A URL string says
 * little (`127.0.0.1:5432` and `localhost` are one server), so the servers are asked who they
 * are before anything is created; a PGlite directory is compared before it is opened twice.
 */
async function openTarget(
  options: RunPlanOptions,
  source: Connection,
  open: (url: string, role: string) => Promise<Connection>,
  opened: Connection[],
): Promise<Connection> {
  if (options.sourceUrl === options.targetUrl) return source;
  const here = pgliteLocation(options.sourceUrl);
  if (here !== undefined && here === pgliteLocation(options.targetUrl)) return source;
  const target = await open(options.targetUrl, 'target');
  if (target === source) return source;
  if (!sameDatabase(await source.identity(), await target.identity())) return target;
  const mine = opened.indexOf(target);
  if (mine >= 0) {
    opened.splice(mine, 1);
    await target.close();
  }
  return source;
}

function refuseSameSchema(plan: Plan, sameDatabase: boolean): void {
  if (sameDatabase && plan.source.schema === plan.target.schema)
    throw new MasqError(
      `error MASQ052: source and target are the same schema ${plan.source.schema} of the same database: masq never writes into its source`,
    );
}
