import type { Located, Span } from '../diagnostics/span.js';

/**
 * The one AST both front-ends (the .masq DSL and YAML) produce. It records what the user wrote,
 * with positions; meaning (schemas, types, defaults) is added later by analyze/.
 */
export interface Spec {
  readonly file: string;
  readonly format: 'masq' | 'yaml' | 'yaml-pipeline';
  readonly source?: Endpoint;
  readonly target?: Endpoint;
  readonly salt?: ValueRef;
  readonly batch?: Located<number>;
  readonly hash?: Located<string>;
  /** `bookkeeping schema NAME`: where masq keeps its progress in the target database. */
  readonly bookkeepingSchema?: Located<string>;
  /** `default keep`: columns without a rule are copied unchanged instead of being an error. */
  readonly defaultKeep?: Span;
  /** `skip table a, b`: tables of the source deliberately left out of the target. */
  readonly skipTables?: readonly Located<string>[];
  /** `skip other tables`: every table the spec does not list is deliberately left out. */
  readonly skipOthers?: Span;
  readonly tables: readonly TableSpec[];
  /** Pipeline-form steps, in execution order, as they were fused into the tables. */
  readonly steps?: readonly StepInfo[];
}

export interface Endpoint {
  readonly engine: Located<string>;
  readonly url: ValueRef;
  readonly schema?: Located<string>;
  readonly span: Span;
}

/** A value written literally, or read at run time from the environment or a file. */
export type ValueRef =
  | { readonly kind: 'literal'; readonly value: string; readonly span: Span }
  | { readonly kind: 'env'; readonly name: string; readonly span: Span }
  | { readonly kind: 'file'; readonly path: string; readonly span: Span };

export interface TableSpec {
  readonly name: Located<string>;
  readonly key?: readonly Located<string>[];
  readonly rules: readonly ColumnRule[];
  /** Percent of rows kept, 0 < p <= 100. */
  readonly sample?: Located<number>;
  readonly where?: Located<string>;
  readonly limit?: Located<number>;
  readonly span: Span;
  /** Names of the pipeline steps fused into this table's single pass (pipeline form only). */
  readonly fusedFrom?: readonly string[];
}

export interface ColumnRule {
  readonly column: Located<string>;
  readonly strategy: Located<string>;
  readonly params: readonly Param[];
  /** Present when the rule says `unique`. */
  readonly unique?: Span;
  readonly span: Span;
  /** The rule as written, one line, for comments in generated scripts. */
  readonly text: string;
}

export interface Param {
  /** Absent for a positional parameter: `substitute(email)`. */
  readonly name?: Located<string>;
  readonly value: ParamValue;
  readonly span: Span;
}

export type ParamValue =
  | { readonly kind: 'number'; readonly value: number; readonly raw: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'ident'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'ref'; readonly ref: ValueRef };

export interface StepInfo {
  readonly name: string;
  readonly type: string;
  readonly order: number;
  readonly span: Span;
}
