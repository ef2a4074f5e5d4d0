import type { Node } from './where-parser.js';

/** A name the predicate uses, at its byte offset in the parsed query. */
export type WhereRef =
  | { readonly kind: 'column'; readonly name: string; readonly at: number }
  | { readonly kind: 'function'; readonly name: QualifiedName; readonly at: number }
  | { readonly kind: 'operator'; readonly name: QualifiedName; readonly at: number }
  | { readonly kind: 'type'; readonly name: QualifiedName; readonly at: number };

export interface QualifiedName {
  readonly schema?: string;
  readonly name: string;
}

export interface WhereProblem {
  readonly message: string;
  readonly at: number;
}

export interface Walked {
  readonly refs: WhereRef[];
  readonly problems: WhereProblem[];
}

type Body = Record<string, unknown>;

/** Names for the node kinds people write by accident, in refusals. */
const REFUSED: Readonly<Record<string, string>> = {
  SubLink: 'a subquery',
  ParamRef: 'a parameter ($n)',
  A_Star: '"*"',
  GroupingFunc: 'GROUPING()',
  SetToDefault: 'DEFAULT',
  XmlExpr: 'an XML expression',
  XmlSerialize: 'an XML expression',
};

/**
 * Walks a predicate's parse tree with an allow-list of node kinds: plain expressions over
 * columns, constants, operators, function calls and casts. Anything else (a subquery, a
 * parameter, a node kind added by a later PostgreSQL) is refused, never passed through.
 */
export function walkPredicate(root: Node): Walked {
  const walked: Walked = { refs: [], problems: [] };
  visit(root, 0, walked);
  return walked;
}

function visit(node: Node | undefined, parentAt: number, out: Walked): void {
  if (!node) return;
  const [kind, value] = Object.entries(node)[0] ?? ['', {}];
  const body = value as Body;
  const at = typeof body.location === 'number' && body.location >= 0 ? body.location : parentAt;
  const children = (...keys: string[]) => {
    for (const key of keys) {
      const child = body[key];
      if (Array.isArray(child)) for (const c of child as Node[]) visit(c, at, out);
      else if (child && typeof child === 'object') visit(child as Node, at, out);
    }
  };
  switch (kind) {
    case 'A_Const':
    case 'SQLValueFunction':
      return;
    case 'ColumnRef':
      return columnRef(body, at, out);
    case 'A_Expr':
      for (const name of operatorsOf(body)) out.refs.push({ kind: 'operator', name, at });
      return children('lexpr', 'rexpr');
    case 'FuncCall': {
      const refused = aggregateForm(body);
      if (refused)
        return void out.problems.push({
          message: `${refused} is not allowed in a where predicate`,
          at,
        });
      const name = qualifiedName(body.funcname as Node[]);
      if (!name) return void out.problems.push({ message: 'a function name is too long', at });
      out.refs.push({ kind: 'function', name, at });
      return children('args');
    }
    case 'TypeCast':
      typeName(body.typeName as Body | undefined, at, out);
      return children('arg');
    case 'List':
      return children('items');
    case 'BoolExpr':
    case 'CoalesceExpr':
    case 'MinMaxExpr':
    case 'RowExpr':
      return children('args');
    case 'NullTest':
    case 'BooleanTest':
    case 'NamedArgExpr':
    case 'CollateClause':
      return children('arg');
    case 'CaseExpr':
      return children('arg', 'args', 'defresult');
    case 'CaseWhen':
      return children('expr', 'result');
    case 'A_ArrayExpr':
      return children('elements');
    case 'A_Indirection':
      return indirection(body, at, out);
    case 'A_Indices':
      return children('lidx', 'uidx');
    default:
      out.problems.push({
        message: `${REFUSED[kind] ?? `this kind of expression (${kind})`} is not allowed in a where predicate`,
        at,
      });
  }
}

function columnRef(body: Body, at: number, out: Walked): void {
  const fields = (body.fields as Node[] | undefined) ?? [];
  const names = fields.map((f) => ('String' in f ? f.String.sval : undefined));
  if (names.some((n) => n === undefined))
    return void out.problems.push({
      message: '"*" is not allowed in a where predicate: name the columns',
      at,
    });
  const [first, second] = names as string[];
  if (names.length === 1) return void out.refs.push({ kind: 'column', name: first!, at });
  if (names.length === 2 && first === 's')
    return void out.refs.push({ kind: 'column', name: second!, at });
  out.problems.push({
    message: `"${names.join('.')}" is not a column of this table: write a column as name or s.name`,
    at,
  });
}

/** The operators an A_Expr applies: BETWEEN is two comparisons, the rest name theirs. */
function operatorsOf(body: Body): QualifiedName[] {
  const kind = body.kind as string;
  if (kind.includes('BETWEEN')) return [{ name: '>=' }, { name: '<=' }];
  const name = qualifiedName(body.name as Node[]);
  return name ? [name] : [{ name: '' }];
}

function aggregateForm(body: Body): string | undefined {
  if (body.over) return 'a window function (OVER)';
  if (body.agg_filter || body.agg_order || body.agg_star || body.agg_within_group)
    return 'an aggregate';
  if (body.agg_distinct) return 'an aggregate (DISTINCT)';
  return undefined;
}

function typeName(t: Body | undefined, at: number, out: Walked): void {
  const where = typeof t?.location === 'number' && t.location >= 0 ? t.location : at;
  const name = t && !t.setof && !t.pct_type ? qualifiedName(t.names as Node[]) : undefined;
  if (!name)
    return void out.problems.push({
      message: 'this type is not allowed in a where predicate',
      at: where,
    });
  out.refs.push({ kind: 'type', name, at: where });
  for (const m of (t!.typmods as Node[] | undefined) ?? []) visit(m, where, out);
}

function indirection(body: Body, at: number, out: Walked): void {
  visit(body.arg as Node | undefined, at, out);
  for (const step of (body.indirection as Node[] | undefined) ?? []) {
    if ('A_Star' in step)
      out.problems.push({
        message: '"*" is not allowed in a where predicate: name the fields',
        at,
      });
    else if (!('String' in step)) visit(step, at, out);
  }
}

/** `name` or `schema.name`; undefined for a longer (catalog-qualified) or malformed name. */
function qualifiedName(parts: readonly Node[] | undefined): QualifiedName | undefined {
  const names = (parts ?? []).map((p) => ('String' in p ? p.String.sval : undefined));
  if (names.some((n) => n === undefined)) return undefined;
  if (names.length === 1) return { name: names[0]! };
  if (names.length === 2) return { schema: names[0]!, name: names[1]! };
  return undefined;
}
