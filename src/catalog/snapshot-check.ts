import type { SchemaSnapshot } from './snapshot.js';
import type { SqlTextKind } from './sql-text.js';
import { sqlTextProblem } from './sql-text.js';

/** A place in the JSON: `['tables', 0, 'columns', 2, 'type']`. */
export type JsonPath = readonly (string | number)[];

export interface SnapshotProblem {
  readonly path: JsonPath;
  readonly message: string;
  /** MASQ061: not the shape of a snapshot; MASQ062: a SQL text that is not what it claims. */
  readonly code: 'MASQ061' | 'MASQ062';
}

const CATEGORIES = [
  'text',
  'integer',
  'decimal',
  'float',
  'date',
  'timestamp',
  'timestamptz',
  'boolean',
  'uuid',
  'inet',
  'enum',
  'json',
  'other',
];

/**
 * Checks every field of a parsed `--schema FILE` against what `masq schema` writes: the file may
 * come from anywhere, and its names and SQL texts end up in scripts. Returns the snapshot only
 * when there is no problem at all. The SQL parser must be loaded (loadSqlParser).
 */
export function checkSnapshot(value: unknown): {
  snapshot?: SchemaSnapshot;
  problems: SnapshotProblem[];
} {
  const problems: SnapshotProblem[] = [];
  const v = new Checker(problems);
  v.object([], value, { format: true, version: true, schema: true, tables: true }, (o) => {
    if (o.format !== undefined && o.format !== 'masq-schema')
      v.fail(['format'], 'must be "masq-schema": this is not a masq schema snapshot');
    if (o.version !== undefined && o.version !== 1) v.fail(['version'], 'must be 1');
    v.name(['schema'], o.schema);
    const tables = v.array(['tables'], o.tables, (t, path) => checkTable(v, t, path));
    v.distinct(['tables'], tables, 'name', 'table');
  });
  return problems.length ? { problems } : { snapshot: value as SchemaSnapshot, problems };
}

const TABLE_KEYS = {
  name: true,
  partitioned: true,
  columns: true,
  primaryKey: false,
  uniqueKeys: true,
  constraints: true,
  indexes: true,
};

function checkTable(v: Checker, value: unknown, path: JsonPath): void {
  v.object(path, value, TABLE_KEYS, (t) => {
    v.name([...path, 'name'], t.name);
    v.boolean([...path, 'partitioned'], t.partitioned);
    const columns = v.array([...path, 'columns'], t.columns, (c, p) => checkColumn(v, c, p));
    v.distinct([...path, 'columns'], columns, 'name', 'column');
    const names = new Set(columns.map((c) => (c as { name?: unknown }).name));
    const columnList = (p: JsonPath, list: unknown) =>
      v.array(p, list, (n, np) => {
        if (v.name(np, n) && !names.has(n)) v.fail(np, `names no column of the table: "${n}"`);
      });
    if (t.primaryKey !== undefined) columnList([...path, 'primaryKey'], t.primaryKey);
    v.array([...path, 'uniqueKeys'], t.uniqueKeys, (k, p) => columnList(p, k));
    v.array([...path, 'constraints'], t.constraints, (c, p) =>
      v.object(p, c, { name: true, kind: true, definition: true }, (o) => {
        v.name([...p, 'name'], o.name);
        if (v.oneOf([...p, 'kind'], o.kind, ['primary', 'unique', 'check', 'exclude']))
          v.sql([...p, 'definition'], o.definition, o.kind as SqlTextKind);
      }),
    );
    v.array([...path, 'indexes'], t.indexes, (i, p) => checkIndex(v, i, p, columnList));
  });
}

const COLUMN_KEYS = {
  name: true,
  type: true,
  category: true,
  maxLength: false,
  domainOf: false,
  collation: false,
  notNull: true,
  default: false,
  identity: false,
  generated: false,
};

function checkColumn(v: Checker, value: unknown, path: JsonPath): void {
  v.object(path, value, COLUMN_KEYS, (c) => {
    v.name([...path, 'name'], c.name);
    v.sql([...path, 'type'], c.type, 'type');
    v.oneOf([...path, 'category'], c.category, CATEGORIES);
    if (c.maxLength !== undefined) v.positiveInt([...path, 'maxLength'], c.maxLength);
    if (c.domainOf !== undefined) v.sql([...path, 'domainOf'], c.domainOf, 'type');
    v.qualifiedName([...path, 'collation'], c.collation);
    v.boolean([...path, 'notNull'], c.notNull);
    if (c.default !== undefined) v.sql([...path, 'default'], c.default, 'expression');
    if (c.identity !== undefined)
      v.oneOf([...path, 'identity'], c.identity, ['always', 'by default']);
    if (c.generated !== undefined) v.sql([...path, 'generated'], c.generated, 'expression');
    const sources = ['default', 'identity', 'generated'].filter((k) => c[k] !== undefined);
    if (sources.length > 1)
      v.fail(
        path,
        `a column has at most one of default, identity, generated; got ${sources.join(', ')}`,
      );
  });
}

const INDEX_KEYS = {
  name: true,
  unique: true,
  method: true,
  keys: true,
  include: true,
  nullsNotDistinct: true,
  options: false,
  predicate: false,
};
const KEY_KEYS = {
  column: false,
  expression: false,
  opclass: true,
  opclassOptions: false,
  collation: false,
  descending: true,
  nullsFirst: true,
};

function checkIndex(
  v: Checker,
  value: unknown,
  path: JsonPath,
  columnList: (p: JsonPath, list: unknown) => unknown[],
): void {
  v.object(path, value, INDEX_KEYS, (i) => {
    v.name([...path, 'name'], i.name);
    v.boolean([...path, 'unique'], i.unique);
    v.name([...path, 'method'], i.method);
    const keys = v.array([...path, 'keys'], i.keys, (k, p) =>
      v.object(p, k, KEY_KEYS, (key) => {
        if ((key.column === undefined) === (key.expression === undefined))
          v.fail(p, 'a key has either "column" or "expression"');
        else if (key.column !== undefined) columnList([...p, 'column'], [key.column]);
        else v.sql([...p, 'expression'], key.expression, 'expression');
        v.qualifiedName([...p, 'opclass'], key.opclass);
        if (key.opclassOptions !== undefined)
          v.options([...p, 'opclassOptions'], key.opclassOptions);
        if (key.collation !== undefined) v.qualifiedName([...p, 'collation'], key.collation);
        v.boolean([...p, 'descending'], key.descending);
        v.boolean([...p, 'nullsFirst'], key.nullsFirst);
      }),
    );
    if (Array.isArray(i.keys) && keys.length === 0) v.fail([...path, 'keys'], 'an index has keys');
    columnList([...path, 'include'], i.include);
    v.boolean([...path, 'nullsNotDistinct'], i.nullsNotDistinct);
    if (i.options !== undefined) v.options([...path, 'options'], i.options);
    if (i.predicate !== undefined) v.sql([...path, 'predicate'], i.predicate, 'expression');
  });
}

type Fields = Readonly<Record<string, unknown>>;

/** Field checks that record a problem at their path and say whether the value passed. */
class Checker {
  constructor(private readonly problems: SnapshotProblem[]) {}

  fail(path: JsonPath, message: string, code: SnapshotProblem['code'] = 'MASQ061'): false {
    this.problems.push({ path, message, code });
    return false;
  }

  /**
   * An object with exactly the known keys (true: required), then `body` on its fields. A
   * missing field is reported here, once; the field checks pass over undefined.
   */
  object(
    path: JsonPath,
    value: unknown,
    keys: Readonly<Record<string, boolean>>,
    body: (o: Fields) => void,
  ): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `must be an object, not ${describe(value)}`);
      return;
    }
    const o = value as Fields;
    for (const k of Object.keys(o))
      if (!(k in keys))
        this.fail(
          [...path, k],
          `unknown field "${k}"${k === 'using' ? ' (written by an older masq: run `masq schema` again)' : ''}`,
        );
    for (const [k, required] of Object.entries(keys))
      if (required && o[k] === undefined) this.fail(path, `missing field "${k}"`);
    body(o);
  }

  /** An array, `each` run on every element; returns the elements (none when not an array). */
  array(
    path: JsonPath,
    value: unknown,
    each: (element: unknown, path: JsonPath) => void,
  ): unknown[] {
    if (!Array.isArray(value)) {
      if (value !== undefined) this.fail(path, `must be an array, not ${describe(value)}`);
      return [];
    }
    value.forEach((e, i) => each(e, [...path, i]));
    return value;
  }

  /** A PostgreSQL name: quoted wherever it is written, so any text but NUL, within 63 bytes. */
  name(path: JsonPath, value: unknown): value is string {
    if (value === undefined) return false;
    if (typeof value !== 'string')
      return this.fail(path, `must be a name (a string), not ${describe(value)}`);
    if (value === '') return this.fail(path, 'must not be empty');
    if (value.includes('\0')) return this.fail(path, 'contains a NUL character');
    if (Buffer.byteLength(value) > 63)
      return this.fail(path, 'is longer than 63 bytes, which no PostgreSQL name is');
    return true;
  }

  qualifiedName(path: JsonPath, value: unknown): void {
    if (value === undefined) return;
    this.object(path, value, { schema: true, name: true }, (o) => {
      this.name([...path, 'schema'], o.schema);
      this.name([...path, 'name'], o.name);
    });
  }

  options(path: JsonPath, value: unknown): void {
    this.array(path, value, (o, p) =>
      this.object(p, o, { name: true, value: true }, (f) => {
        this.name([...p, 'name'], f.name);
        if (typeof f.value !== 'string' || f.value.includes('\0'))
          this.fail([...p, 'value'], 'must be a string without NUL');
      }),
    );
  }

  boolean(path: JsonPath, value: unknown): void {
    if (value !== undefined && typeof value !== 'boolean')
      this.fail(path, `must be true or false, not ${describe(value)}`);
  }

  positiveInt(path: JsonPath, value: unknown): void {
    if (!Number.isSafeInteger(value) || (value as number) < 1)
      this.fail(path, `must be a positive integer, not ${describe(value)}`);
  }

  oneOf(path: JsonPath, value: unknown, allowed: readonly string[]): boolean {
    if (value === undefined) return false;
    if (typeof value === 'string' && allowed.includes(value)) return true;
    return this.fail(
      path,
      `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, not ${describe(value)}`,
    );
  }

  sql(path: JsonPath, value: unknown, kind: SqlTextKind): void {
    if (value === undefined) return;
    if (typeof value !== 'string') {
      this.fail(path, `must be a string, not ${describe(value)}`);
      return;
    }
    const problem = sqlTextProblem(kind, value);
    if (problem) this.fail(path, `${JSON.stringify(value)} ${problem}`, 'MASQ062');
  }

  /** No two elements with the same `key`: names are unique within their scope. */
  distinct(path: JsonPath, elements: readonly unknown[], key: string, what: string): void {
    const seen = new Set<unknown>();
    elements.forEach((e, i) => {
      const k = (e as Fields | null)?.[key];
      if (typeof k !== 'string') return;
      if (seen.has(k)) this.fail([...path, i, key], `a second ${what} named "${k}"`);
      seen.add(k);
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
