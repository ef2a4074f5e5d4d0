import type {
  IndexKeySchema,
  IndexSchema,
  QualifiedName,
  StorageOption,
} from '../../catalog/snapshot.js';
import { ident, literal, qualified } from './quote.js';
import { fragment } from './sql-fragment.js';
import type { SqlFragment } from './sql-fragment.js';

/** An index of the target, rebuilt from its catalog parts: names quoted, expressions parenthesised. */
export interface IndexView {
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  /** The key list, inside the parentheses after USING. */
  readonly keys: SqlFragment;
  /** INCLUDE, NULLS NOT DISTINCT, WITH and WHERE, each only when the source index has it. */
  readonly tail: SqlFragment;
}

export function indexView(index: IndexSchema): IndexView {
  const tail = [
    index.include.length ? `INCLUDE (${index.include.map(ident).join(', ')})` : '',
    index.nullsNotDistinct ? 'NULLS NOT DISTINCT' : '',
    index.options?.length ? `WITH (${storageOptions(index.options)})` : '',
    index.predicate !== undefined ? `WHERE (${index.predicate})` : '',
  ].filter(Boolean);
  return {
    name: index.name,
    unique: index.unique,
    method: index.method,
    keys: fragment(index.keys.map(keySql).join(', ')),
    tail: fragment(tail.map((t) => ` ${t}`).join('')),
  };
}

function keySql(key: IndexKeySchema): string {
  const parts = [key.expression !== undefined ? `(${key.expression})` : ident(key.column)];
  if (key.collation) parts.push(`COLLATE ${name(key.collation)}`);
  parts.push(name(key.opclass));
  if (key.opclassOptions?.length) parts.push(`(${storageOptions(key.opclassOptions)})`);
  // Written only where they differ from the default, so access methods without order
  // (hash, gin) get none: they refuse ASC and DESC.
  if (key.descending) parts.push('DESC');
  if (key.nullsFirst !== key.descending) parts.push(key.nullsFirst ? 'NULLS FIRST' : 'NULLS LAST');
  return parts.join(' ');
}

function name(n: QualifiedName): string {
  return qualified(n.schema, n.name);
}

function storageOptions(options: readonly StorageOption[]): string {
  return options.map((o) => `${ident(o.name)} = ${literal(o.value)}`).join(', ');
}
