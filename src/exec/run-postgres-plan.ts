import type { Connection } from '../db/connection.js';
import { pgliteLocation, sameDatabase } from '../db/identity.js';
import { openConnection, redactUrl } from '../db/open.js';
import { buildProgram } from '../emit/postgres/program.js';
import type { Plan } from '../ir/plan.js';
import { checkDrift } from './check-drift.js';
import { EXIT, MasqError } from './errors.js';
import type { RunSummary } from './progress.js';
import type { RunPlanOptions } from './run-options.js';
import { runPostgres } from './run-postgres.js';

/** Opens the databases, checks the schema has not drifted, and runs the plan's program. */
export async function runPostgresPlan(
  plan: Plan,
  secrets: readonly string[],
  options: RunPlanOptions,
): Promise<RunSummary> {
  refuseSameSchema(plan, options.sourceUrl === options.targetUrl);
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
