/**
 * What masq knows about the source schema: enough to check coverage and types at compile time,
 * to create the target tables, and to notice drift before a run. Written to and read from JSON
 * (`masq schema`, `--schema FILE`), so it is plain data.
 */
export interface SchemaSnapshot {
  readonly format: 'masq-schema';
  readonly version: 1;
  readonly schema: string;
  readonly tables: readonly TableSchema[];
}

export interface TableSchema {
  readonly name: string;
  readonly partitioned: boolean;
  readonly columns: readonly ColumnSchema[];
  readonly primaryKey?: readonly string[];
  /** Column sets with a UNIQUE constraint or a plain unique index (primary key included). */
  readonly uniqueKeys: readonly (readonly string[])[];
  /** PRIMARY KEY, UNIQUE, CHECK and EXCLUDE constraints as pg_get_constraintdef prints them. */
  readonly constraints: readonly ConstraintSchema[];
  /** Indexes that back no constraint. */
  readonly indexes: readonly IndexSchema[];
}

export interface ColumnSchema {
  readonly name: string;
  /** As format_type prints it: `character varying(100)`, `numeric(10,2)`, `public.mood`. */
  readonly type: string;
  readonly category: TypeCategory;
  readonly maxLength?: number;
  /** A domain's base type as format_type prints it: `bigint`, `numeric(5,2)`. */
  readonly domainOf?: string;
  /** Only when it is not the type's own: `text COLLATE "C"`. */
  readonly collation?: QualifiedName;
  readonly notNull: boolean;
  readonly default?: string;
  readonly identity?: 'always' | 'by default';
  /** The expression of a GENERATED ALWAYS AS (…) STORED column. */
  readonly generated?: string;
}

export type TypeCategory =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'float'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'boolean'
  | 'uuid'
  | 'inet'
  | 'enum'
  | 'json'
  | 'other';

export interface ConstraintSchema {
  readonly name: string;
  readonly kind: 'primary' | 'unique' | 'check' | 'exclude';
  readonly definition: string;
}

/**
 * An index that backs no constraint, in the parts the catalog keeps apart, each as the
 * catalog prints it alone: the emitter rebuilds the statement, quoting every name.
 */
export interface IndexSchema {
  readonly name: string;
  readonly unique: boolean;
  /** The access method (pg_am.amname): btree, hash, gin, gist, brin, … */
  readonly method: string;
  readonly keys: readonly IndexKeySchema[];
  /** INCLUDE columns: stored in the index, not searched. */
  readonly include: readonly string[];
  readonly nullsNotDistinct: boolean;
  /** Storage parameters: WITH (fillfactor = 70). */
  readonly options?: readonly StorageOption[];
  /** The WHERE of a partial index, as pg_get_expr prints it. */
  readonly predicate?: string;
}

/** One key column: a column or an expression (as pg_get_indexdef prints key k alone). */
export type IndexKeySchema = (
  | { readonly column: string; readonly expression?: undefined }
  | { readonly expression: string; readonly column?: undefined }
) & {
  /** Always named, default or not: the same class gives the same index. */
  readonly opclass: QualifiedName;
  readonly opclassOptions?: readonly StorageOption[];
  readonly collation?: QualifiedName;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
};

export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

export interface StorageOption {
  readonly name: string;
  readonly value: string;
}

export function findTable(snapshot: SchemaSnapshot, name: string): TableSchema | undefined {
  return snapshot.tables.find((t) => t.name === name);
}
