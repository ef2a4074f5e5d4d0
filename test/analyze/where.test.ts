import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import type { RoutineCatalog } from '../../src/catalog/routines.js';
import type { ColumnSchema, SchemaSnapshot } from '../../src/catalog/snapshot.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseMasq } from '../../src/frontend/masq/index.js';

const col = (name: string, type: string, category: ColumnSchema['category']): ColumnSchema => ({
  name,
  type,
  category,
  notNull: name === 'id',
});

export const SCHEMA: SchemaSnapshot = {
  format: 'masq-schema',
  version: 1,
  schema: 'public',
  tables: [
    {
      name: 't',
      partitioned: false,
      columns: [
        col('id', 'integer', 'integer'),
        col('status', 'text', 'text'),
        col('email', 'text', 'text'),
        col('country', 'text', 'text'),
        col('amount', 'numeric(12,2)', 'decimal'),
        col('archived', 'boolean', 'boolean'),
        col('created_at', 'timestamp with time zone', 'timestamptz'),
        col('deleted_at', 'timestamp with time zone', 'timestamptz'),
      ],
      primaryKey: ['id'],
      uniqueKeys: [['id']],
      constraints: [],
      indexes: [],
    },
  ],
};

/** A spec whose one table filters by `predicate`, written as a DSL string literal. */
export function specWith(predicate: string): string {
  const literal = '"' + predicate.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  return `salt env(MASQ_SALT)\ndefault keep\n\ntable t {\n  where ${literal}\n}\n`;
}

export function checkPredicate(
  predicate: string,
  routines?: RoutineCatalog,
  schema: SchemaSnapshot | 'none' = SCHEMA,
): { text: string; diagnostics: readonly Diagnostic[] } {
  const text = specWith(predicate);
  const parsed = parseMasq(text, 'where.masq');
  expect(parsed.diagnostics).toEqual([]);
  const sources = new Map([['where.masq', text]]);
  const { diagnostics } = analyze(
    parsed.spec!,
    schema === 'none' ? undefined : schema,
    'where',
    {},
    {
      ...(routines ? { routines } : {}),
      sources,
    },
  );
  return { text, diagnostics };
}

/** Predicates people write: they must keep working, offline too. */
const EVERYDAY = [
  "status = 'active'",
  "created_at > now() - interval '1 year'",
  "email LIKE '%@example.com'",
  'id % 10 = 0',
  "country IN ('DE','FR')",
  'deleted_at IS NULL',
  'NOT archived',
  'amount BETWEEN 1 AND 100',
  "created_at::date >= date '2024-01-01'",
  "lower(email) <> ''",
  "s.status = 'settled' AND s.created_at >= '2024-01-01'",
  "coalesce(country, 'XX') <> 'US' OR email ILIKE '%@corp.example' OR email ~ '^a'",
  'CASE WHEN archived THEN amount > 0 ELSE true END AND created_at < current_date',
  "date_trunc('month', created_at) = date_trunc('month', now()) AND abs(amount) < 5",
  'greatest(amount, 0) > 1 AND length(email) > 3 AND "status" IS DISTINCT FROM NULL',
  "E'it''s' <> status AND $$x$$ <> status AND U&'d\\0061t\\+000061' <> status",
  "extract(year FROM created_at) > 2020 AND substring(email FROM 1 FOR 3) <> 'abc'",
  "email NOT LIKE 'x%' AND archived IS NOT TRUE AND id = ANY (ARRAY[1, 2, 3])",
];

describe('where predicates people write', () => {
  for (const predicate of EVERYDAY)
    it(`accepts ${predicate}`, () => {
      expect(checkPredicate(predicate).diagnostics).toEqual([]);
    });
});

/**
 * What an attacker or a careless spec writes: [predicate, code, the text the caret must be
 * under]. Each is refused offline (no catalog) with a positioned error.
 */
const REFUSED: readonly (readonly [string, string, string])[] = [
  // the issue's E'' attack: PostgreSQL reads E'\'' as one quote, the old scanner as an open string
  [
    "E'\\'' IS NOT NULL); DELETE FROM public.canary; SELECT NULL::text[] AS k FROM public.t AS s WHERE true --'",
    'MASQ051',
    ')',
  ],
  ["E'\\'' = status OR true --'", 'MASQ051', '--'],
  ["status = 'a'); DELETE FROM public.canary; SELECT (1", 'MASQ051', ')'],
  ['true) OR (true', 'MASQ051', ')'],
  ['1=1; drop table x', 'MASQ051', ';'],
  ['true /* a /* nested */ comment */', 'MASQ051', '/* a /* nested */ comment */'],
  ['$q$ $q$ = status; DELETE FROM public.canary', 'MASQ051', ';'],
  ["U&'\\0027' = status) OR (true", 'MASQ051', ')'],
  ["status = '\\' OR true --'", 'MASQ051', "'\\'"],
  ['id IN (SELECT id FROM public.canary)', 'MASQ051', 'IN'],
  ['(SELECT count(*) FROM public.canary) > 0', 'MASQ051', '('],
  ['EXISTS (SELECT 1)', 'MASQ051', 'EXISTS'],
  ['pg_sleep(10) IS NULL', 'MASQ051', 'pg_sleep'],
  ["nextval('public.s') > 0", 'MASQ051', 'nextval'],
  ["pg_catalog.setval('public.s', 1) > 0", 'MASQ051', 'pg_catalog'],
  [
    "set_config('default_transaction_read_only', 'off', false) IS NOT NULL",
    'MASQ051',
    'set_config',
  ],
  ["current_setting('masq.salt')::int > 0", 'MASQ051', 'current_setting'],
  ["lo_import('/etc/passwd') > 0", 'MASQ051', 'lo_import'],
  ["pg_read_file('/etc/passwd') <> ''", 'MASQ051', 'pg_read_file'],
  ["dblink_exec('dbname=x', 'DELETE FROM canary') <> ''", 'MASQ051', 'dblink_exec'],
  ["public.dblink('dbname=x', 'SELECT 1') IS NULL", 'MASQ051', 'public'],
  ["length(table_to_xml('public.canary', true, true, '')::text) > 0", 'MASQ051', 'table_to_xml'],
  ['random() < 0.5', 'MASQ053', 'random'],
  ["pg_catalog.version() <> ''", 'MASQ051', 'pg_catalog'],
  ['count(*) > 0', 'MASQ051', 'count'],
  ['status = $1', 'MASQ051', '$1'],
  ['t.status IS NULL', 'MASQ051', 't.status'],
  ['h1.h IS NULL', 'MASQ051', 'h1.h'],
  ["emial = 'x'", 'MASQ011', 'emial'],
  ['public.my_filter(email)', 'MASQ053', 'public'],
  ['my_filter(email)', 'MASQ053', 'my_filter'],
  ['amount === 1', 'MASQ053', '==='],
  ["status = 'x'::public.mood", 'MASQ051', 'public.mood'],
  ["status = 'unterminated", 'MASQ054', "'unterminated"],
  ['status = = 1', 'MASQ054', '= 1'],
  // PostgreSQL counts bytes (node locations) and characters (syntax errors): carets still land
  ["status = 'é€😀' AND nextval('s') > 0", 'MASQ051', 'nextval'],
  ["status = 'é€😀' = = 1", 'MASQ054', '= = 1'],
];

describe('where predicates that are refused', () => {
  for (const [predicate, code, caret] of REFUSED)
    it(`${code} for ${predicate}`, () => {
      const { text, diagnostics } = checkPredicate(predicate);
      expect(diagnostics.map((d) => d.code)).toContain(code);
      const d = diagnostics.find((x) => x.code === code)!;
      // The caret points at the offending token, as written inside the string literal.
      const literal = text.indexOf('where "') + 'where "'.length;
      const written = caret.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      expect(d.span?.line).toBe(5);
      expect(d.span?.offset).toBe(text.indexOf(written, literal));
    });
});

describe('unknown columns', () => {
  it('says which column was meant', () => {
    const { diagnostics } = checkPredicate("emal = 'x'");
    expect(diagnostics[0]?.message).toBe(
      'unknown column "emal" in table t (did you mean "email"?)',
    );
  });
  it('are not checked without a schema, the rest is', () => {
    expect(checkPredicate("emial = 'x'", undefined, 'none').diagnostics).toEqual([]);
    const { diagnostics } = checkPredicate("nextval('s') > 0", undefined, 'none');
    expect(diagnostics.map((d) => d.code)).toEqual(['MASQ051']);
  });
});

describe('with the source catalog at hand', () => {
  const fn = (
    schema: string,
    name: string,
    volatility: 'i' | 's' | 'v',
    kind: 'f' | 'a' = 'f',
  ) => ({
    schema,
    name,
    volatility,
    kind,
  });
  const catalog: RoutineCatalog = {
    functions: [
      fn('pg_catalog', 'lower', 'i'),
      fn('pg_catalog', 'random', 'v'),
      fn('app', 'is_vip', 's'),
      fn('app', 'total', 'i', 'a'),
      fn('other', 'is_vip', 'v'),
    ],
    operators: [],
  };
  const messages = (predicate: string) =>
    checkPredicate(predicate, catalog).diagnostics.map((d) => `${d.code} ${d.message}`);

  it('accepts a stable function of the source, named with its schema', () => {
    expect(messages('app.is_vip(email) AND pg_catalog.lower(email) <> email')).toEqual([]);
  });
  it('refuses an unqualified name when any schema holds a volatile function of that name', () => {
    expect(messages('is_vip(email)')).toEqual([
      'MASQ051 is_vip() is not allowed: other.is_vip() is volatile (it may change the database or return a new value on each call)',
    ]);
  });
  it('refuses a built-in off the list even though the catalog knows it', () => {
    expect(messages('random() < 0.5')).toEqual([
      'MASQ051 random() is not among the built-in functions masq allows',
    ]);
  });
  it('refuses aggregates and names the catalog does not have', () => {
    expect(messages('app.total(amount) > 0 AND app.nope(id)')).toEqual([
      'MASQ051 app.total() is not allowed: app.total() is an aggregate, window function or procedure',
      'MASQ051 app.nope() does not exist in the source database',
    ]);
  });
});
