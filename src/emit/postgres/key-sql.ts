import type { KeyPlan } from '../../ir/plan.js';
import { ident } from './quote.js';

/**
 * How a table's batches are ordered, bounded and resumed. Key values travel as text[] (one
 * parameter whatever the key's width and types) and are cast back to the key's types.
 */
export interface KeySql {
  /** `ARRAY[s."id"::text]`: the key of a row, as stored in the checkpoint. */
  readonly text: string;
  /** `s."id"`: the ORDER BY list. */
  readonly order: string;
  /** `(s."a", s."b") > (($1)[1]::date, ($1)[2]::int)`, the NULL parameter meaning no bound. */
  compare(op: '>' | '<=', param: string): string;
  /** The text the sample's hash is taken of. */
  readonly sampleText: string;
  /**
   * Whether rows are told apart by their physical address (`ctid`). An address names a row
   * only within one snapshot: an UPDATE or VACUUM FULL moves rows, so such a table is copied
   * in one batch and never continued across runs.
   */
  readonly byRowAddress: boolean;
}

export function keySql(key: KeyPlan): KeySql {
  const parts =
    key.kind === 'columns'
      ? key.columns.map((c) => ({ sql: `s.${ident(c.name)}`, type: c.type }))
      : // Without a key, the physical row address; tableoid tells a partitioned table's partitions apart.
        [
          ...(key.partitioned ? [{ sql: 's.tableoid', type: 'oid' }] : []),
          { sql: 's.ctid', type: 'tid' },
        ];
  const tuple = (items: string[]) => (items.length === 1 ? items[0]! : `(${items.join(', ')})`);
  return {
    text: `ARRAY[${parts.map((p) => `${p.sql}::text`).join(', ')}]`,
    order: parts.map((p) => p.sql).join(', '),
    compare: (op, param) =>
      `(${param}::text[] IS NULL OR ${tuple(parts.map((p) => p.sql))} ${op} ${tuple(
        parts.map((p, i) => `(${param}::text[])[${i + 1}]::${p.type}`),
      )})`,
    sampleText:
      key.kind === 'columns'
        ? parts.map((p) => `${p.sql}::text`).join(` || '|' || `)
        : // A keyless row is sampled by its whole content, which, unlike ctid, survives VACUUM FULL.
          's::text',
    byRowAddress: key.kind === 'row-address',
  };
}
