import { analyze } from '../../src/analyze/index.js';
import { introspect } from '../../src/catalog/introspect.js';
import type { Connection } from '../../src/db/connection.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import { uniqueName } from './engines.js';

export interface MaskCase {
  /** The SQL type of column `v`, e.g. `varchar(32)` or `numeric(10,2)`. */
  readonly type: string;
  /** The rule as written in a spec after the column name, e.g. `redact(keep_last: 4)`. */
  readonly rule: string;
  /** Row i gets id i + 1 and this value, cast from text to `type`; null is SQL NULL. */
  readonly values: readonly (string | null)[];
  /** The plan's salt (secret 0). */
  readonly salt: string;
  /** Secrets 1, 2, … in the order the rules first name them (`hash_salt(salt: env(X))`). */
  readonly moreSecrets?: readonly string[];
  readonly hashMode?: 'portable' | 'fast';
  /** Extra items inside the table block, e.g. `sample 25%`. */
  readonly tableItems?: readonly string[];
}

export interface MaskedRow {
  readonly id: number;
  readonly v: string | null;
}

/**
 * Masks `values` through the real pipeline (parse → introspect → analyze → emit → run) on one
 * connection, source and target schemas in the same database, and returns the target's rows
 * as text. Each call uses fresh schemas and drops them, so calls never see each other's rows.
 */
export async function maskRows(conn: Connection, c: MaskCase): Promise<MaskedRow[]> {
  const src = uniqueName('src');
  const dst = uniqueName('dst');
  try {
    await conn.exec(
      `CREATE SCHEMA ${src}; CREATE TABLE ${src}.t (id int PRIMARY KEY, v ${c.type})`,
    );
    await conn.query(
      `INSERT INTO ${src}.t (id, v) SELECT i, x::${c.type} FROM unnest($1::text[]) WITH ORDINALITY AS u(x, i)`,
      [c.values],
    );
    const text = [
      `source postgres env(SOURCE_URL) schema ${src}`,
      `target postgres env(TARGET_URL) schema ${dst}`,
      ...(c.hashMode ? [`hash ${c.hashMode}`] : []),
      'table t {',
      '  key id',
      `  v ${c.rule}`,
      ...(c.tableItems ?? []).map((item) => `  ${item}`),
      '}',
      '',
    ].join('\n');
    const parsed = parseMasq(text, 'case.masq');
    const { plan, diagnostics } = parsed.spec
      ? analyze(parsed.spec, await introspect(conn, src), 'case')
      : { plan: undefined, diagnostics: [] };
    const all = [...parsed.diagnostics, ...diagnostics];
    if (!plan || hasErrors(all))
      throw new Error(`spec rejected:\n${formatDiagnostics(all, new Map([['case.masq', text]]))}`);
    await runPostgres(buildProgram(plan), {
      source: conn,
      target: conn,
      secrets: [c.salt, ...(c.moreSecrets ?? [])],
    });
    const rows = (
      await conn.query<{ id: number; v: string | null }>(
        `SELECT id, v::text AS v FROM ${dst}.t ORDER BY id`,
      )
    ).rows;
    return rows.map((r) => ({ id: Number(r.id), v: r.v }));
  } finally {
    await conn.exec(`DROP SCHEMA IF EXISTS ${src} CASCADE; DROP SCHEMA IF EXISTS ${dst} CASCADE`);
  }
}

/** The masked value of every input, in input order; fails if a row went missing. */
export async function maskValues(conn: Connection, c: MaskCase): Promise<(string | null)[]> {
  const rows = await maskRows(conn, c);
  if (rows.length !== c.values.length)
    throw new Error(`${c.values.length} rows in, ${rows.length} rows out`);
  return rows.map((r) => r.v);
}
