import type { ColumnPlan, Plan, TablePlan } from '../../ir/plan.js';
import { STRATEGIES } from '../../strategies/registry.js';
import { keySql } from './key-sql.js';
import { columnLowering, HashRegistry } from './lowering.js';
import { ident } from './quote.js';
import type { SqlFragment } from './sql-fragment.js';
import { fragment } from './sql-fragment.js';
import { SUFFIX_BITS } from '../../strategies/unique-suffix.js';

/** The low SUFFIX_BITS bits of a hash: what a suffix spells. */
const SUFFIX_MASK = String((1n << BigInt(SUFFIX_BITS)) - 1n);

/** Everything the table templates print, precomputed: templates hold no logic. */
export interface TableView {
  readonly name: string;
  readonly source: { readonly schema: string; readonly name: string };
  readonly target: { readonly schema: string; readonly name: string };
  readonly columnList: SqlFragment;
  readonly overriding: boolean;
  readonly columns: readonly {
    readonly name: string;
    readonly expr: SqlFragment;
    readonly comment: string | null;
  }[];
  readonly joins: readonly SqlFragment[];
  readonly filters: readonly SqlFragment[];
  readonly boundJoins: readonly SqlFragment[];
  readonly boundFilters: readonly SqlFragment[];
  readonly keyText: SqlFragment;
  readonly keyOrder: SqlFragment;
}

/**
 * The view of one table's batch statements. `lo` and `hi` are the SQL of the batch bounds:
 * `$1`/`$2` in prepared statements, literals inside COPY (which takes no parameters).
 */
export function tableView(plan: Plan, table: TablePlan, lo: string, hi: string): TableView {
  const key = keySql(table.key);
  const inserted = table.columns.filter((c) => !c.generated);

  const hashes = new HashRegistry(plan.hashMode);
  const columns = inserted.map((c) => ({
    name: c.name,
    expr: fragment(lowerColumn(plan, c, hashes)),
    comment: c.rule.origin
      ? `${c.rule.origin.file}:${c.rule.origin.line} ${c.name}: ${c.rule.origin.text.replace(/^\S+\s+/, '')}`
      : null,
  }));
  const rowFilters = (h: HashRegistry) => [
    ...(table.where !== undefined ? [`(${table.where})`] : []),
    ...(table.sample !== undefined
      ? [`${sampleBucket(h.keyed(key.sampleText))} < ${Math.round(table.sample * 100)}`]
      : []),
  ];
  const filters = [...rowFilters(hashes), key.compare('>', lo), key.compare('<=', hi)];

  const boundHashes = new HashRegistry(plan.hashMode);
  const boundFilters = [
    ...rowFilters(boundHashes),
    key.compare('>', '$1'),
    key.compare('<=', '$3'),
  ];

  return {
    name: table.name,
    source: { schema: plan.source.schema, name: table.name },
    target: { schema: plan.target.schema, name: table.name },
    columnList: fragment(inserted.map((c) => ident(c.name)).join(', ')),
    overriding: inserted.some((c) => c.identityAlways),
    columns,
    joins: hashes.joins().map(fragment),
    filters: filters.map(fragment),
    boundJoins: boundHashes.joins().map(fragment),
    boundFilters: boundFilters.map(fragment),
    keyText: fragment(key.text),
    keyOrder: fragment(key.order),
  };
}

/**
 * What the pre-load check of a `unique` rule needs. Two distinct values share an output only if
 * they share its suffix bits, so unique-suspects.sql.hbs counts the distinct source values
 * whose bits another one has too, with one hash a value; only when there are some (at 10⁶
 * values, odds of 4·10⁻⁷) does unique-check.sql.hbs mask them all to count real collisions.
 * Only counts leave the database: never a value.
 */
export function uniqueCheckView(plan: Plan, table: TablePlan, column: ColumnPlan) {
  const bitsHashes = new HashRegistry(plan.hashMode);
  const bits = columnLowering(plan, column, bitsHashes, `s.${ident(column.name)}`).uniqueBits();
  const hashes = new HashRegistry(plan.hashMode);
  const { uniqueKeys } = table.postgres.schema;
  return {
    source: { schema: plan.source.schema, name: table.name },
    column: column.name,
    // A column that is a unique key alone holds each value once already: no DISTINCT to pay.
    distinct: !uniqueKeys.some((k) => k.length === 1 && k[0] === column.name),
    bits: fragment(`${bits} & ${SUFFIX_MASK}`),
    bitsJoins: bitsHashes.joins().map(fragment),
    masked: fragment(lowerColumn(plan, column, hashes)),
    joins: hashes.joins().map(fragment),
  };
}

function lowerColumn(plan: Plan, column: ColumnPlan, hashes: HashRegistry): string {
  const strategy = STRATEGIES.get(column.rule.strategy);
  if (!strategy) throw new Error(`plan names unknown strategy ${column.rule.strategy}`);
  const value = `s.${ident(column.name)}`;
  const expr = strategy.lowerPostgres(column.rule, columnLowering(plan, column, hashes, value));
  // Strategies propagate NULL on their own; the guard states it where that is not obvious.
  return strategy.keepsNull && !strategy.nullSafe
    ? `CASE WHEN ${value} IS NULL THEN NULL ELSE ${expr} END`
    : expr;
}

/** 0..9999: the row's sample bucket, from the keyed hash of its key. */
function sampleBucket(hash: string): string {
  return `((${hash} % 10000) + 10000) % 10000`;
}
