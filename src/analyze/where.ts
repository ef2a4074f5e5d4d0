import type { RoutineCatalog } from '../catalog/routines.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error, hasErrors } from '../diagnostics/diagnostic.js';
import type { Located } from '../diagnostics/span.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { Node, SqlText } from './where-parser.js';
import { parseSql, scanSql, sqlText } from './where-parser.js';
import type { ValueSpan } from './where-position.js';
import { valueSpans } from './where-position.js';
import { judgeFunction, judgeOperator, judgeType } from './where-routines.js';
import type { WhereRef } from './where-nodes.js';
import { walkPredicate } from './where-nodes.js';
import { unsafeToken } from './where-tokens.js';

/** What the where check may consult besides the predicate. */
export interface WhereEnv {
  /** The source catalog's functions and operators of the names the predicates use. */
  readonly routines?: RoutineCatalog;
  /** File name → text, to put carets under the offending part of a predicate. */
  readonly sources?: ReadonlyMap<string, string>;
}

/** The predicate is parsed where masq puts it: alone in parentheses, ANDed with the others. */
const PREFIX = 'SELECT 1 FROM t AS s WHERE (';
const SUFFIX = ')';
const SHAPE = new Set(['targetList', 'fromClause', 'whereClause', 'limitOption', 'op']);

interface Checked {
  readonly sql: SqlText;
  readonly span: ValueSpan;
  readonly found: Diagnostic[];
}

/**
 * A where predicate is pasted into the statements that read the source, so it must be one SQL
 * expression over the table's own columns that cannot change anything: PostgreSQL's parser
 * must read it as exactly that, and every function, operator and cast in it must be immutable
 * or stable and out of reach of masq's secrets. `columns` is undefined when the schema is not
 * known. Returns whether the predicate may run.
 */
export function checkWhere(
  where: Located<string>,
  table: string,
  columns: readonly string[] | undefined,
  env: WhereEnv,
  diagnostics: Diagnostic[],
): boolean {
  const sql = sqlText(where.value);
  const found: Diagnostic[] = [];
  const c: Checked = { sql, span: valueSpans(where, env.sources?.get(where.span.file)), found };
  const root = parsePredicate(c);
  if (root) {
    const walked = walkPredicate(root);
    for (const p of walked.problems) report(c, 'MASQ051', p.message, p.at);
    for (const ref of walked.refs) checkRef(c, ref, table, columns, env.routines);
  }
  diagnostics.push(...found);
  return !hasErrors(found);
}

/** The names of functions and operators a predicate uses, to look up in the source catalog. */
export function predicateNames(where: string): { functions: string[]; operators: string[] } {
  const parsed = parseSql(sqlText(PREFIX + where + SUFFIX));
  const root = parsed.ok ? whereClause(parsed.result.stmts) : undefined;
  const refs = root ? walkPredicate(root).refs : [];
  const names = (kind: WhereRef['kind']) =>
    refs.flatMap((r) => (r.kind === kind && r.kind !== 'column' ? [r.name.name] : []));
  return { functions: names('function'), operators: names('operator') };
}

function parsePredicate(c: Checked): Node | undefined {
  const tokens = scanSql(c.sql);
  const unsafe = tokens && unsafeToken(tokens, c.sql.text);
  if (unsafe) {
    const start = c.sql.fromByte(unsafe.start);
    c.found.push(
      error(
        'MASQ051',
        `the where predicate must be one SQL expression, but ${unsafe.problem}`,
        c.span(start, Math.max(start + 1, c.sql.fromByte(unsafe.end))),
      ),
    );
    return undefined;
  }
  const query = sqlText(PREFIX + c.sql.text + SUFFIX);
  const parsed = parseSql(query);
  if (!parsed.ok) {
    const at = Math.min(Math.max(0, parsed.index - PREFIX.length), c.sql.text.length);
    c.found.push(
      error(
        'MASQ054',
        `the where predicate is not valid SQL: ${parsed.message}`,
        c.span(at, at + 1),
      ),
    );
    return undefined;
  }
  const root = whereClause(parsed.result.stmts);
  if (!root)
    c.found.push(
      error(
        'MASQ051',
        'the where predicate must be one SQL expression',
        c.span(0, c.sql.text.length),
      ),
    );
  return root;
}

/** The predicate's tree, when the query is still exactly the one statement it was built as. */
function whereClause(stmts: readonly { stmt?: Node }[] | undefined): Node | undefined {
  const only = stmts?.length === 1 ? stmts[0]?.stmt : undefined;
  if (!only || !('SelectStmt' in only)) return undefined;
  const select = only.SelectStmt;
  if (Object.keys(select).some((k) => !SHAPE.has(k)) || select.fromClause?.length !== 1)
    return undefined;
  return select.whereClause;
}

function checkRef(
  c: Checked,
  ref: WhereRef,
  table: string,
  columns: readonly string[] | undefined,
  routines: RoutineCatalog | undefined,
): void {
  if (ref.kind === 'column') {
    if (columns && !columns.includes(ref.name))
      report(
        c,
        'MASQ011',
        `unknown column "${ref.name}" in table ${table}${didYouMean(ref.name, columns)}`,
        ref.at,
      );
    return;
  }
  const refusal =
    ref.kind === 'function'
      ? judgeFunction(ref.name, routines)
      : ref.kind === 'operator'
        ? judgeOperator(ref.name, routines)
        : judgeType(ref.name);
  if (refusal) report(c, refusal.code, refusal.message, ref.at);
}

/** Reports at a node's byte offset in the parsed query, under the token that starts there. */
function report(c: Checked, code: Diagnostic['code'], message: string, at: number): void {
  const byte = at - PREFIX.length;
  const start = c.sql.fromByte(byte);
  const token = scanSql(c.sql)?.find((t) => t.start === byte);
  const end = token ? c.sql.fromByte(token.end) : start + 1;
  c.found.push(error(code, message, c.span(start, end)));
}
