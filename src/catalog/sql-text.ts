import { loadModule, parseSync } from 'libpg-query';

/**
 * Checks that a piece of catalog text (from a schema snapshot, which anyone may have written)
 * is what it claims to be, with the real PostgreSQL parser: only it agrees with PostgreSQL on
 * every string, comment and quoting form. Each text is parsed inside a statement shaped like
 * the one masq pastes it into, followed on the same line by a sentinel: text that ends the
 * statement, opens a comment or adds a clause moves or swallows the sentinel, and is refused.
 */
export type SqlTextKind = 'type' | 'expression' | 'primary' | 'unique' | 'check' | 'exclude';

let loaded: Promise<void> | undefined;

/** The parser is WebAssembly: load it once before the first check. */
export function loadSqlParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/** Why `text` is not one `kind`, or undefined when it is. Call loadSqlParser first. */
export function sqlTextProblem(kind: SqlTextKind, text: string): string | undefined {
  // A newline may stand in a string constant (pg_get_expr prints them raw); a comment it ends
  // is harmless, and one it does not end swallows the sentinel, which sits on the same line.
  if (text.includes('\0')) return 'contains a NUL character';
  const [before, after] = FRAMES[kind];
  const sql = before + text + after;
  let tree: ParsedStatement[];
  try {
    tree = (parseSync(sql) as { stmts?: ParsedStatement[] }).stmts ?? [];
  } catch (e) {
    return `is not ${DESCRIPTIONS[kind]} (${(e as Error).message})`;
  }
  if (tree.length !== 1) return `is ${tree.length} statements, not a part of one`;
  // Both frames put the sentinel right after ", ": a constant 0, or a column definition.
  const sentinelAt = Buffer.byteLength(before + text + ', ');
  return SHAPES[kind](tree[0]!.stmt, sentinelAt) ? undefined : `is not ${DESCRIPTIONS[kind]}`;
}

const SENTINEL = 'masq_sentinel';

const FRAMES: Readonly<Record<SqlTextKind, readonly [string, string]>> = {
  type: ['SELECT NULL::', `, 0 AS ${SENTINEL}`],
  expression: ['SELECT ', `, 0 AS ${SENTINEL}`],
  primary: ['CREATE TABLE t (CONSTRAINT c ', `, ${SENTINEL} int)`],
  unique: ['CREATE TABLE t (CONSTRAINT c ', `, ${SENTINEL} int)`],
  check: ['CREATE TABLE t (CONSTRAINT c ', `, ${SENTINEL} int)`],
  exclude: ['CREATE TABLE t (CONSTRAINT c ', `, ${SENTINEL} int)`],
};

const DESCRIPTIONS: Readonly<Record<SqlTextKind, string>> = {
  type: 'one type name',
  expression: 'one expression',
  primary: 'one PRIMARY KEY constraint',
  unique: 'one UNIQUE constraint',
  check: 'one CHECK constraint',
  exclude: 'one EXCLUDE constraint',
};

type Node = Readonly<Record<string, unknown>>;
interface ParsedStatement {
  readonly stmt: Node;
}

const SHAPES: Readonly<Record<SqlTextKind, (stmt: Node, sentinelAt: number) => boolean>> = {
  type: (stmt, at) => {
    const first = selectList(stmt, at)?.[0];
    const cast = node(first?.val, 'TypeCast');
    return first?.name === undefined && node(cast?.arg, 'A_Const')?.isnull === true;
  },
  expression: (stmt, at) => {
    const first = selectList(stmt, at)?.[0];
    return first !== undefined && first.name === undefined;
  },
  primary: (stmt, at) => constraintOf(stmt, at)?.contype === 'CONSTR_PRIMARY',
  unique: (stmt, at) => constraintOf(stmt, at)?.contype === 'CONSTR_UNIQUE',
  check: (stmt, at) => constraintOf(stmt, at)?.contype === 'CONSTR_CHECK',
  exclude: (stmt, at) => constraintOf(stmt, at)?.contype === 'CONSTR_EXCLUSION',
};

/** `{ Kind: fields }` → fields, when the node is of that kind. */
function node(value: unknown, kind: string): Node | undefined {
  const n = value as Node | undefined;
  return n && typeof n === 'object' && kind in n ? (n[kind] as Node) : undefined;
}

/** The two targets of `SELECT text, 0 AS masq_sentinel` and nothing else, sentinel in place. */
function selectList(stmt: Node, sentinelAt: number): Node[] | undefined {
  const select = node(stmt, 'SelectStmt');
  if (!select || !onlyKeys(select, ['targetList', 'limitOption', 'op'])) return undefined;
  const targets = ((select.targetList as unknown[]) ?? []).map((t) => node(t, 'ResTarget')!);
  const sentinel = targets[1];
  if (targets.length !== 2 || sentinel?.name !== SENTINEL) return undefined;
  return node(sentinel.val, 'A_Const')?.location === sentinelAt ? targets : undefined;
}

/** The one constraint of `CREATE TABLE t (CONSTRAINT c text, masq_sentinel int)`. */
function constraintOf(stmt: Node, sentinelAt: number): Node | undefined {
  const create = node(stmt, 'CreateStmt');
  if (!create || !onlyKeys(create, ['relation', 'tableElts', 'oncommit'])) return undefined;
  const [first, second, ...rest] = (create.tableElts as unknown[]) ?? [];
  const column = node(second, 'ColumnDef');
  if (rest.length || column?.colname !== SENTINEL || column.location !== sentinelAt)
    return undefined;
  const constraint = node(first, 'Constraint');
  return constraint?.conname === 'c' ? constraint : undefined;
}

function onlyKeys(n: Node, allowed: readonly string[]): boolean {
  return Object.keys(n).every((k) => allowed.includes(k));
}
