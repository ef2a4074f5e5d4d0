import { createHash } from 'node:crypto';
import type { ColumnSchema, TableSchema } from '../../catalog/snapshot.js';
import type { Plan } from '../../ir/plan.js';

/** PostgreSQL cuts longer identifiers (NAMEDATALEN − 1), and two cut names may then agree. */
const MAX_NAME_BYTES = 63;

const NEXTVAL = /^nextval\(/;

/** A serial column: its default draws from a sequence, which in the source is the source's. */
export function isSerial(c: ColumnSchema): boolean {
  return !c.generated && !c.identity && c.default !== undefined && NEXTVAL.test(c.default);
}

/** Table name → column name → the name of the target sequence that column draws from. */
export type SequenceNames = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * Names the target sequence of every serial and identity column of the plan. The natural
 * `TABLE_COLUMN_seq` is ambiguous (`a.b_c` and `a_b.c` both make `a_b_c_seq`), an identity column
 * left to PostgreSQL may take a name a later table wants, and a long one is cut; so every sequence
 * is named here, once for the whole plan, none like another or like any table or index the target
 * schema gets (masq's own tables are in the bookkeeping schema). Columns are taken in name order,
 * so the names depend on the tables, not on the order the spec lists them in.
 */
export function sequenceNames(plan: Plan): SequenceNames {
  const taken = new Set<string>();
  for (const t of plan.tables) for (const name of relationNames(t.postgres.schema)) taken.add(name);
  const wanted = plan.tables
    .flatMap((t) =>
      t.postgres.schema.columns
        .filter((c) => c.identity !== undefined || isSerial(c))
        .map((c) => ({ table: t.name, column: c.name })),
    )
    .sort((x, y) => compare(x.table, y.table) || compare(x.column, y.column));
  const names = new Map<string, Map<string, string>>();
  for (const { table, column } of wanted) {
    const stem = `${table}_${column}`;
    let name = fit(stem, '_seq');
    for (let n = 1; taken.has(name); n++) name = fit(stem, `_seq${n}`);
    taken.add(name);
    const byColumn = names.get(table) ?? new Map<string, string>();
    byColumn.set(column, name);
    names.set(table, byColumn);
  }
  return names;
}

/** What the target schema gets from a table besides sequences: the table, its key and indexes. */
function relationNames(table: TableSchema): string[] {
  return [
    table.name,
    ...table.constraints.filter((c) => c.kind !== 'check').map((c) => c.name),
    ...table.indexes.map((i) => i.name),
  ];
}

/** `stem + suffix` within 63 bytes; a cut stem ends in a hash of the whole one, to stay apart. */
function fit(stem: string, suffix: string): string {
  if (Buffer.byteLength(stem + suffix) <= MAX_NAME_BYTES) return stem + suffix;
  const tag = `_${createHash('sha256').update(stem).digest('hex').slice(0, 8)}`;
  return cutToBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(tag + suffix)) + tag + suffix;
}

/** The longest prefix of `text` within `bytes` UTF-8 bytes, never splitting a character. */
function cutToBytes(text: string, bytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
