import type { ColumnSchema } from '../../catalog/snapshot.js';
import type { TablePlan } from '../../ir/plan.js';
import { BLOCK_TAG } from './dollar-tags.js';
import { ident, literal, qualified } from './quote.js';
import type { SequenceNames } from './sequence-names.js';
import { isSerial } from './sequence-names.js';
import { indexView } from './index-sql.js';
import type { IndexView } from './index-sql.js';
import { fragment } from './sql-fragment.js';
import type { SqlFragment } from './sql-fragment.js';

/** The view of a target table's DDL, made from the source's catalog, not from LIKE: the source may be another database. */
export interface CreateTableView {
  readonly target: { readonly schema: string; readonly name: string };
  readonly sequences: readonly string[];
  readonly ownedSequences: readonly { readonly sequence: string; readonly column: string }[];
  /** Columns and CHECK constraints: what the rows must satisfy as they arrive. */
  readonly definitions: readonly SqlFragment[];
  /**
   * Primary key, UNIQUE and EXCLUDE constraints, added when the table is full: building an index once
   * costs about half of what maintaining it row by row does, which is half of a plain copy.
   */
  readonly constraints: readonly { readonly name: string; readonly definition: SqlFragment }[];
  readonly tag: SqlFragment;
  readonly indexes: readonly IndexView[];
  readonly sequenceColumns: readonly string[];
}

export function createTableView(
  table: TablePlan,
  targetSchema: string,
  sequences: SequenceNames,
): CreateTableView {
  const { schema } = table.postgres;
  // A serial column's default names the SOURCE's sequence; the target gets a sequence of its
  // own, and so does an identity column, each under the name chosen for the whole plan.
  const sequenceOf = (c: ColumnSchema): string => {
    const name = sequences.get(table.name)?.get(c.name);
    if (name === undefined) throw new Error(`no target sequence named for ${table.name}.${c.name}`);
    return name;
  };
  const serials = schema.columns.filter(isSerial);
  const definitions = [
    ...schema.columns.map((c) =>
      columnDefinition(
        c,
        c.identity !== undefined || isSerial(c)
          ? qualified(targetSchema, sequenceOf(c))
          : undefined,
      ),
    ),
    ...schema.constraints
      .filter((c) => c.kind === 'check')
      .map((c) => `CONSTRAINT ${ident(c.name)} ${c.definition}`),
  ];
  return {
    target: { schema: targetSchema, name: table.name },
    sequences: serials.map(sequenceOf),
    ownedSequences: serials.map((c) => ({ sequence: sequenceOf(c), column: c.name })),
    definitions: definitions.map(fragment),
    constraints: schema.constraints
      .filter((c) => c.kind !== 'check')
      .map((c) => ({ name: c.name, definition: fragment(c.definition) })),
    tag: fragment(BLOCK_TAG),
    indexes: schema.indexes.map(indexView),
    sequenceColumns: [...serials, ...schema.columns.filter((c) => c.identity)].map((c) => c.name),
  };
}

function columnDefinition(c: ColumnSchema, ownSequence: string | undefined): string {
  const parts = [ident(c.name), c.type];
  if (c.collation) parts.push(`COLLATE ${qualified(c.collation.schema, c.collation.name)}`);
  if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.generated}) STORED`);
  else if (c.identity)
    parts.push(
      `GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY (SEQUENCE NAME ${ownSequence})`,
    );
  else if (ownSequence) parts.push(`DEFAULT nextval(${literal(ownSequence)}::regclass)`);
  else if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
  if (c.notNull && !c.identity) parts.push('NOT NULL');
  return parts.join(' ');
}
