import type { Connection } from '../src/db/connection.js';
import { buildProgram } from '../src/emit/postgres/program.js';
import { runPlan } from '../src/exec/run-plan.js';
import type { Plan } from '../src/ir/plan.js';
import { SOURCE_SCHEMA, TABLE, TARGET_SCHEMA } from './data.js';

/**
 * The three ways of filling the target, each timed from an empty target schema to a finished
 * table (created, filled, indexed, analyzed), so they do the same work but the masking.
 */
export interface Contender {
  readonly name: string;
  run(): Promise<void>;
}

/** The same target table masq creates, and masq's closing statements, around `fill`. */
export async function withTargetTable(conn: Connection, plan: Plan, fill: () => Promise<void>) {
  const program = buildProgram(plan);
  const table = program.tables[0]!;
  await conn.exec(program.prepareTarget);
  await conn.exec(table.createTable);
  await fill();
  await conn.exec(table.finish);
}

/** The unmasked floor: one INSERT…SELECT of the same rows. */
export function floor(conn: Connection, plan: Plan): Contender {
  return {
    name: 'floor',
    run: () =>
      withTargetTable(conn, plan, () =>
        conn.exec(`INSERT INTO ${TARGET_SCHEMA}.${TABLE} SELECT * FROM ${SOURCE_SCHEMA}.${TABLE}`),
      ),
  };
}

export interface MasqOptions {
  readonly url: string;
  readonly salt: string;
  readonly jobs?: number;
  /** An open connection to use instead of the URL (PGlite lives in this process). */
  readonly open?: Connection;
}

/** `masq run`: the executor as the CLI drives it, from the compiled plan. */
export function masq(name: string, plan: Plan, options: MasqOptions): Contender {
  return {
    name,
    run: async () => {
      await runPlan(plan, {
        sourceUrl: options.url,
        targetUrl: options.url,
        env: { MASQ_SALT: options.salt },
        ...(options.jobs ? { jobs: options.jobs } : {}),
        ...(options.open ? { open: new Map([[options.url, options.open]]) } : {}),
      });
    },
  };
}

/**
 * masq's own limit in portable mode: the floor plus the keyed hashes its SELECT evaluates,
 * computed alone. The hash joins are cut from masq's own batch statement, so the count and
 * the SQL form are exactly masq's.
 */
export function hashesAlone(conn: Connection, plan: Plan, salt: string): Contender {
  const program = buildProgram(plan);
  const insert = program.tables[0]!.insertBatch;
  const from = insert.slice(
    insert.indexOf(`FROM "${SOURCE_SCHEMA}"`),
    insert.lastIndexOf('\nWHERE'),
  );
  const aliases = [...from.matchAll(/ AS (h\d+)$/gm)].map((m) => m[1]!);
  if (aliases.length === 0) throw new Error('no keyed hash in the batch statement');
  const sql = `SELECT sum((${aliases.map((a) => `${a}.masq_h`).join(' # ')}) & 1) ${from}`;
  return {
    name: `${aliases.length} portable hashes alone`,
    run: async () => {
      await conn.query(program.setupSession, [salt]);
      await conn.query(sql);
    },
  };
}

/** The hash evaluations per row in masq's batch statement. */
export function hashCount(plan: Plan): number {
  return [...buildProgram(plan).tables[0]!.insertBatch.matchAll(/CROSS JOIN LATERAL/g)].length;
}
