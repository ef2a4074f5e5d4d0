import type { CstElement, CstNode, IToken } from 'chevrotain';
import type {
  ColumnRule,
  Endpoint,
  Param,
  ParamValue,
  Spec,
  TableSpec,
  ValueRef,
} from '../../ast/spec.js';
import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Located, Span } from '../../diagnostics/span.js';
import { ENV_NAME } from '../env-name.js';
import { nameValue, stringValue } from './tokens.js';

type Draft<T> = { -readonly [K in keyof T]: T[K] };

/** Where something starts and ends: tokens and CST node locations both have these fields. */
interface Position {
  readonly startOffset: number;
  readonly startLine?: number;
  readonly startColumn?: number;
  readonly endOffset?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/**
 * Walks the CST (possibly partial, after error recovery) into the AST. Pieces that recovery
 * left incomplete, such as a rule without a strategy, are dropped: the parser has already
 * reported them. A setting given twice is reported here because the AST has room for one.
 */
export function cstToAst(cst: CstNode, file: string): { spec: Spec; diagnostics: Diagnostic[] } {
  const builder = new SpecBuilder(file);
  for (const statement of nodes(cst, 'statement')) builder.statement(statement);
  return { spec: builder.spec(), diagnostics: builder.diagnostics };
}

class SpecBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly draft: Draft<Omit<Spec, 'tables'>>;
  private readonly tables: TableSpec[] = [];

  constructor(private readonly file: string) {
    this.draft = { file, format: 'masq' };
  }

  spec(): Spec {
    return { ...this.draft, tables: this.tables };
  }

  statement(node: CstNode): void {
    const endpoint = child(node, 'endpoint');
    const salt = child(node, 'salt');
    const batch = child(node, 'batch');
    const hash = child(node, 'hash');
    const bookkeeping = child(node, 'bookkeeping');
    const defaultKeep = child(node, 'defaultKeep');
    const table = child(node, 'table');
    const skip = child(node, 'skip');
    if (endpoint) this.endpoint(endpoint);
    else if (salt) this.salt(salt);
    else if (batch)
      this.set(this.draft, 'batch', batch, this.located(token(batch, 'Integer'), numberValue));
    else if (hash) this.set(this.draft, 'hash', hash, this.located(token(hash, 'mode'), nameValue));
    else if (bookkeeping) {
      const schema = this.located(token(bookkeeping, 'schemaName'), nameValue);
      this.set(this.draft, 'bookkeepingSchema', bookkeeping, schema);
    } else if (defaultKeep && token(defaultKeep, 'Keep')) {
      this.set(this.draft, 'defaultKeep', defaultKeep, this.nodeSpan(defaultKeep));
    } else if (table) this.table(table);
    else if (skip) this.skip(skip);
  }

  /** Every `skip table` adds its names; `skip other tables` is a setting, given once. */
  private skip(node: CstNode): void {
    if (token(node, 'Other')) {
      if (token(node, 'Tables')) this.set(this.draft, 'skipOthers', node, this.nodeSpan(node));
      return;
    }
    const names = tokens(node, 'tableName').map((t) => this.located(t, nameValue)!);
    this.draft.skipTables = [...(this.draft.skipTables ?? []), ...names];
  }

  private endpoint(node: CstNode): void {
    const which = token(node, 'Source') ? 'source' : 'target';
    const engine = this.located(token(node, 'engine'), nameValue);
    const url = this.valueRef(child(node, 'valueRef'));
    if (!engine || !url) return;
    const schema = this.located(token(node, 'schemaName'), nameValue);
    const value: Endpoint = { engine, url, ...(schema && { schema }), span: this.nodeSpan(node) };
    this.set(this.draft, which, node, value);
  }

  private salt(node: CstNode): void {
    this.set(this.draft, 'salt', node, this.valueRef(child(node, 'valueRef')));
  }

  private table(node: CstNode): void {
    const name = this.located(token(node, 'tableName'), nameValue);
    if (!name) return;
    const draft: Draft<TableSpec> = { name, rules: [], span: this.nodeSpan(node) };
    const rules: ColumnRule[] = [];
    for (const item of nodes(node, 'tableItem')) {
      const key = child(item, 'keyItem');
      const sample = child(item, 'sampleItem');
      const where = child(item, 'whereItem');
      const limit = child(item, 'limitItem');
      const rule = child(item, 'rule');
      if (key) {
        const columns = tokens(key, 'column').map((t) => this.located(t, nameValue)!);
        this.set(draft, 'key', key, columns.length > 0 ? columns : undefined);
      } else if (sample)
        this.set(draft, 'sample', sample, this.located(token(sample, 'Number'), numberValue));
      else if (where)
        this.set(draft, 'where', where, this.located(token(where, 'String'), stringValue));
      else if (limit)
        this.set(draft, 'limit', limit, this.located(token(limit, 'Integer'), numberValue));
      else if (rule) rules.push(...this.rule(rule));
    }
    draft.rules = rules;
    this.tables.push(draft);
  }

  private rule(node: CstNode): ColumnRule[] {
    const column = this.located(token(node, 'column'), nameValue);
    const strategy = this.located(token(node, 'strategy'), nameValue);
    if (!column || !strategy) return [];
    const params = nodes(node, 'param').flatMap((p) => this.param(p));
    const unique = token(node, 'Unique');
    const span = this.nodeSpan(node);
    const text = ruleText(node);
    return [{ column, strategy, params, ...(unique && { unique: this.span(unique) }), span, text }];
  }

  private param(node: CstNode): Param[] {
    const value = this.value(child(node, 'value'));
    if (!value) return [];
    const name = this.located(token(node, 'paramName'), nameValue);
    return [{ ...(name && { name }), value, span: this.nodeSpan(node) }];
  }

  private value(node: CstNode | undefined): ParamValue | undefined {
    if (!node) return undefined;
    const number = token(node, 'Number');
    const string = token(node, 'String');
    const name = token(node, 'Name');
    if (number) return { kind: 'number', value: Number(number.image), raw: number.image };
    if (string) return { kind: 'string', value: stringValue(string) };
    if (token(node, 'True')) return { kind: 'bool', value: true };
    if (token(node, 'False')) return { kind: 'bool', value: false };
    if (name) return { kind: 'ident', value: nameValue(name) };
    const ref = this.valueRef(node);
    return ref && { kind: 'ref', ref };
  }

  /** Reads `env(…)`, `file(…)` or a string from a valueRef or value node. */
  private valueRef(node: CstNode | undefined): ValueRef | undefined {
    if (!node) return undefined;
    const env = child(node, 'envRef');
    const file = child(node, 'fileRef');
    const literal = token(node, 'String');
    if (env) {
      const name = token(env, 'Name');
      if (!name) return undefined;
      const value = nameValue(name);
      if (!ENV_NAME.test(value))
        this.diagnostics.push(
          error(
            'MASQ014',
            `env(...) needs an environment variable name, got "${value}"`,
            this.span(name),
          ),
        );
      return { kind: 'env', name: value, span: this.nodeSpan(env) };
    }
    if (file) {
      const path = token(file, 'String');
      return path && { kind: 'file', path: stringValue(path), span: this.nodeSpan(file) };
    }
    return literal && { kind: 'literal', value: stringValue(literal), span: this.span(literal) };
  }

  /** Sets a field written at most once; a second occurrence is MASQ005 and is ignored. */
  private set<T, K extends keyof T>(target: T, key: K, at: CstNode, value: T[K] | undefined): void {
    if (value === undefined) return;
    if (target[key] !== undefined) {
      const keyword = inOrder(leaves(at))[0]?.image;
      const setting =
        keyword === 'default' ? 'default keep' : keyword === 'skip' ? 'skip other tables' : keyword;
      this.diagnostics.push(error('MASQ005', `"${setting}" is given twice`, this.nodeSpan(at)));
      return;
    }
    target[key] = value;
  }

  private located<V>(tok: IToken | undefined, read: (t: IToken) => V): Located<V> | undefined {
    return tok && { value: read(tok), span: this.span(tok) };
  }

  private nodeSpan(node: CstNode): Span {
    // nodeLocationTracking 'full' fills the location from the node's real tokens; every node
    // that reaches here has one, the token lookahead chose it by.
    return this.span(node.location!);
  }

  /** From the start of `from` to the end of `to`; end positions are exclusive in a Span. */
  private span(from: Position, to: Position = from): Span {
    return {
      file: this.file,
      line: from.startLine!,
      column: from.startColumn!,
      endLine: to.endLine!,
      endColumn: to.endColumn! + 1,
      offset: from.startOffset,
      endOffset: to.endOffset! + 1,
    };
  }
}

function numberValue(t: IToken): number {
  return Number(t.image);
}

/** The rule's tokens as written, any gap (whitespace, comments) shown as one space. */
function ruleText(node: CstNode): string {
  let text = '';
  let end = -1;
  for (const t of inOrder(leaves(node))) {
    if (text !== '' && t.startOffset > end + 1) text += ' ';
    text += t.image;
    end = t.endOffset!;
  }
  return text;
}

function leaves(node: CstNode): IToken[] {
  return Object.values(node.children).flatMap((elements: CstElement[]) =>
    elements.flatMap((e) => (isNode(e) ? leaves(e) : real(e) ? [e] : [])),
  );
}

function inOrder(tokens: IToken[]): IToken[] {
  return tokens.sort((a, b) => a.startOffset - b.startOffset);
}

function isNode(e: CstElement): e is CstNode {
  return 'children' in e;
}

/** Tokens inserted by error recovery have no text or position, so the AST never uses them. */
function real(t: IToken): boolean {
  return t.isInsertedInRecovery !== true;
}

function tokens(node: CstNode, key: string): IToken[] {
  return (node.children[key] ?? []).filter((e): e is IToken => !isNode(e) && real(e));
}

function token(node: CstNode, key: string): IToken | undefined {
  return tokens(node, key)[0];
}

function nodes(node: CstNode, key: string): CstNode[] {
  return (node.children[key] ?? []).filter(isNode);
}

function child(node: CstNode, key: string): CstNode | undefined {
  return nodes(node, key)[0];
}
