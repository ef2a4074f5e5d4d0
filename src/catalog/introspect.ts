import type { Connection } from '../db/connection.js';
import { transaction } from '../db/transaction.js';
import { categorize } from './categorize.js';
import type {
  ColumnSchema,
  ConstraintSchema,
  IndexKeySchema,
  IndexSchema,
  QualifiedName,
  SchemaSnapshot,
  StorageOption,
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
            THEN coalesce(nullif(a.atttypmod, -1), t.typtypmod) - 4 END AS max_length,
       CASE WHEN a.attcollation <> t.typcollation
            THEN jsonb_build_object('schema', cn.nspname::text, 'name', co.collname::text) END AS collation
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
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
WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'c', 'x') AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY c.relname, con.conname`;

// An index is read in parts, each from the catalog function that prints it alone, so no part is
// cut out of another's text: a predicate may well contain ' USING '. indclass, indcollation
// and indoption hold one entry per key column and count from 0; indnullsnotdistinct exists
// from PostgreSQL 15 on, so it is read through to_jsonb, which is NULL before.
const INDEXES_SQL = `
SELECT c.relname AS table_name, i.relname AS name, ix.indisunique AS is_unique,
       am.amname AS method, ix.indexprs IS NULL AND ix.indpred IS NULL AS plain,
       coalesce((to_jsonb(ix) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct,
       pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
       coalesce(i.reloptions, '{}') AS options,
       ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.num
             WHERE k.i > ix.indnkeyatts ORDER BY k.i) AS include,
       ARRAY(SELECT jsonb_build_object(
                'column', a.attname::text,
                'expression', CASE WHEN k.num = 0 THEN pg_get_indexdef(ix.indexrelid, k.i::int, true) END,
                'opclass', jsonb_build_object('schema', ocn.nspname::text, 'name', oc.opcname::text),
                'opclassOptions', coalesce(ia.attoptions, '{}'),
                'collation', CASE WHEN co.oid IS NOT NULL
                  THEN jsonb_build_object('schema', con.nspname::text, 'name', co.collname::text) END,
                'descending', (ix.indoption[k.i - 1] & 1) <> 0,
                'nullsFirst', (ix.indoption[k.i - 1] & 2) <> 0)
             FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(num, i)
             LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.num AND k.num <> 0
             JOIN pg_attribute ia ON ia.attrelid = ix.indexrelid AND ia.attnum = k.i
             JOIN pg_opclass oc ON oc.oid = ix.indclass[k.i - 1]
             JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
             LEFT JOIN pg_collation co ON co.oid = ix.indcollation[k.i - 1]
             LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
             WHERE k.i <= ix.indnkeyatts ORDER BY k.i) AS keys
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_am am ON am.oid = i.relam
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
  collation: QualifiedName | null;
}

interface ConstraintRow {
  table_name: string;
  name: string;
  kind: 'p' | 'u' | 'c' | 'x';
  definition: string;
  columns: string[];
}

interface IndexRow {
  table_name: string;
  name: string;
  is_unique: boolean;
  method: string;
  plain: boolean;
  nulls_not_distinct: boolean;
  predicate: string | null;
  options: string[];
  include: string[];
  keys: {
    column: string | null;
    expression: string | null;
    opclass: QualifiedName;
    opclassOptions: string[];
    collation: QualifiedName | null;
    descending: boolean;
    nullsFirst: boolean;
  }[];
}

/** Reads the tables of one schema from the catalog: three queries, whatever the table count. */
export async function introspect(conn: Connection, schema: string): Promise<SchemaSnapshot> {
  // With only pg_catalog on the search path, every other type and name prints qualified
  // (`public.mood`, not `mood`), so any session sees the same snapshot: no false drift.
  // Catalog reads only: READ ONLY, so nothing here could write to the source.
  const { columns, constraints, indexes } = await transaction(conn, 'BEGIN READ ONLY', async () => {
    // Catalog text prints string constants as standard_conforming_strings says: pinned on
    // here and where the text is run (create-table, finish-table), it reads the same there.
    await conn.query(
      `SELECT set_config('search_path', 'pg_catalog', true), set_config('standard_conforming_strings', 'on', true)`,
    );
    return {
      columns: (await conn.query<ColumnRow>(COLUMNS_SQL, [schema])).rows,
      constraints: (await conn.query<ConstraintRow>(CONSTRAINTS_SQL, [schema])).rows,
      indexes: (await conn.query<IndexRow>(INDEXES_SQL, [schema])).rows,
    };
  });
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
    ...cons.filter((c) => c.kind === 'p' || c.kind === 'u').map((c) => c.columns),
    ...idx.filter((i) => i.is_unique && i.plain).map((i) => i.keys.map((k) => k.column!)),
  ];
  return {
    name,
    partitioned: cols[0]?.partitioned ?? false,
    columns: cols.map(toColumn),
    ...(primary ? { primaryKey: primary.columns } : {}),
    uniqueKeys,
    constraints: cons.map((c): ConstraintSchema => ({
      name: c.name,
      kind: CONSTRAINT_KINDS[c.kind],
      definition: c.definition,
    })),
    indexes: idx.map(toIndex),
  };
}

const CONSTRAINT_KINDS = {
  p: 'primary',
  u: 'unique',
  c: 'check',
  x: 'exclude',
} as const satisfies Record<ConstraintRow['kind'], ConstraintSchema['kind']>;

function toIndex(i: IndexRow): IndexSchema {
  return {
    name: i.name,
    unique: i.is_unique,
    method: i.method,
    keys: i.keys.map((k): IndexKeySchema => ({
      ...(k.expression !== null ? { expression: k.expression } : { column: k.column! }),
      opclass: k.opclass,
      ...(k.opclassOptions.length ? { opclassOptions: k.opclassOptions.map(option) } : {}),
      ...(k.collation ? { collation: k.collation } : {}),
      descending: k.descending,
      nullsFirst: k.nullsFirst,
    })),
    include: i.include,
    nullsNotDistinct: i.nulls_not_distinct,
    ...(i.options.length ? { options: i.options.map(option) } : {}),
    ...(i.predicate !== null ? { predicate: i.predicate } : {}),
  };
}

/** A reloptions entry, `name=value`: the name never holds `=`, the value may. */
function option(text: string): StorageOption {
  const at = text.indexOf('=');
  return { name: text.slice(0, at), value: text.slice(at + 1) };
}

function toColumn(r: ColumnRow): ColumnSchema {
  const generated = r.generated === 's' ? (r.default_expr ?? undefined) : undefined;
  return {
    name: r.name,
    type: r.type,
    category: categorize(r.base_type, r.typtype),
    ...(r.max_length ? { maxLength: Number(r.max_length) } : {}),
    ...(r.domain_base ? { domainOf: r.domain_base } : {}),
    ...(r.collation ? { collation: r.collation } : {}),
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
