import type { Connection } from '../db/connection.js';
import { categorize } from './categorize.js';
import type {
  ColumnSchema,
  ConstraintSchema,
  IndexSchema,
  SchemaSnapshot,
  TableSchema,
} from './snapshot.js';

// Partitions are reached through their parent, so only top-level tables are listed.
const COLUMNS_SQL = `
SELECT c.relname AS table_name, c.relkind = 'p' AS partitioned, a.attname AS name,
       format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS default_expr, a.attidentity AS identity,
       a.attgenerated AS generated, bt.typname AS base_type, t.typtype AS typtype,
       CASE WHEN t.typtype = 'd' THEN format_type(bt.oid, t.typtypmod) END AS domain_base,
       CASE WHEN bt.typname IN ('varchar', 'bpchar') AND coalesce(nullif(a.atttypmod, -1), t.typtypmod) > 4
            THEN coalesce(nullif(a.atttypmod, -1), t.typtypmod) - 4 END AS max_length
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY c.relname, a.attnum`;

const CONSTRAINTS_SQL = `
SELECT c.relname AS table_name, con.conname AS name, con.contype AS kind,
       pg_get_constraintdef(con.oid) AS definition,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.i) AS columns
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'c') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY c.relname, con.conname`;

const INDEXES_SQL = `
SELECT c.relname AS table_name, i.relname AS name, ix.indisunique AS is_unique,
       pg_get_indexdef(ix.indexrelid) AS definition,
       ix.indexprs IS NULL AND ix.indpred IS NULL AS plain,
       ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.num ORDER BY k.i) AS columns
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class c ON c.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conrelid = ix.indrelid AND con.conindid = ix.indexrelid)
ORDER BY c.relname, i.relname`;

interface ColumnRow {
  table_name: string;
  partitioned: boolean;
  name: string;
  type: string;
  not_null: boolean;
  default_expr: string | null;
  identity: string;
  generated: string;
  base_type: string;
  typtype: string;
  domain_base: string | null;
  max_length: number | null;
}

interface ConstraintRow {
  table_name: string;
  name: string;
  kind: 'p' | 'u' | 'c';
  definition: string;
  columns: string[];
}

interface IndexRow {
  table_name: string;
  name: string;
  is_unique: boolean;
  definition: string;
  plain: boolean;
  columns: string[];
}

/** Reads the tables of one schema from the catalog: three queries, whatever the table count. */
export async function introspect(conn: Connection, schema: string): Promise<SchemaSnapshot> {
  // With only pg_catalog on the search path, every other type and name prints qualified
  // (`public.mood`, not `mood`), so any session sees the same snapshot: no false drift.
  await conn.exec('BEGIN');
  let columns: ColumnRow[], constraints: ConstraintRow[], indexes: IndexRow[];
  try {
    await conn.query(`SELECT set_config('search_path', 'pg_catalog', true)`);
    columns = (await conn.query<ColumnRow>(COLUMNS_SQL, [schema])).rows;
    constraints = (await conn.query<ConstraintRow>(CONSTRAINTS_SQL, [schema])).rows;
    indexes = (await conn.query<IndexRow>(INDEXES_SQL, [schema])).rows;
  } finally {
    await conn.exec('COMMIT');
  }
  const names = [...new Set(columns.map((c) => c.table_name))];
  const tables = names.map((name) =>
    buildTable(
      name,
      columns.filter((c) => c.table_name === name),
      constraints.filter((c) => c.table_name === name),
      indexes.filter((i) => i.table_name === name),
    ),
  );
  return { format: 'masq-schema', version: 1, schema, tables };
}

function buildTable(
  name: string,
  cols: ColumnRow[],
  cons: ConstraintRow[],
  idx: IndexRow[],
): TableSchema {
  const primary = cons.find((c) => c.kind === 'p');
  const uniqueKeys = [
    ...cons.filter((c) => c.kind !== 'c').map((c) => c.columns),
    ...idx.filter((i) => i.is_unique && i.plain).map((i) => i.columns),
  ];
  return {
    name,
    partitioned: cols[0]?.partitioned ?? false,
    columns: cols.map(toColumn),
    ...(primary ? { primaryKey: primary.columns } : {}),
    uniqueKeys,
    constraints: cons.map((c): ConstraintSchema => ({
      name: c.name,
      kind: c.kind === 'p' ? 'primary' : c.kind === 'u' ? 'unique' : 'check',
      definition: c.definition,
    })),
    indexes: idx.map((i): IndexSchema => ({
      name: i.name,
      unique: i.is_unique,
      using: i.definition.replace(/^.* USING /, ''),
    })),
  };
}

function toColumn(r: ColumnRow): ColumnSchema {
  const generated = r.generated === 's' ? (r.default_expr ?? undefined) : undefined;
  return {
    name: r.name,
    type: r.type,
    category: categorize(r.base_type, r.typtype),
    ...(r.max_length ? { maxLength: Number(r.max_length) } : {}),
    ...(r.domain_base ? { domainOf: r.domain_base } : {}),
    notNull: r.not_null,
    ...(r.default_expr && !generated ? { default: r.default_expr } : {}),
    ...(r.identity === 'a'
      ? { identity: 'always' as const }
      : r.identity === 'd'
        ? { identity: 'by default' as const }
        : {}),
    ...(generated ? { generated } : {}),
  };
}
