import type { TypeCategory } from '../catalog/snapshot.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { HashMode, ParamPlanValue } from '../ir/plan.js';

/**
 * One masking strategy: the parameters it takes, the columns it applies to, and its lowering to
 * each engine side by side, so the engines cannot drift apart.
 */
export interface Strategy {
  readonly name: string;
  readonly summary: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** The parameter a bare value fills: `substitute(email)` means field_type: email. */
  readonly positional?: string;
  /** NULL stays NULL. Only `constant` writes its value into NULLs too. */
  readonly keepsNull: boolean;
  /** Its lowerings give NULL for NULL by themselves (keep, nullify): no NULL guard is written
   *  around them. Every other strategy that keeps NULLs gets one, stating it where it is not
   *  obvious. */
  readonly nullSafe?: true;
  /**
   * 'inherent': distinct inputs give distinct outputs anyway (keep, hash_salt);
   * 'on-request': so when the rule says `unique`; 'never': outputs may collide.
   */
  readonly distinctOutputs: 'inherent' | 'on-request' | 'never';
  /** Problems of this rule on this column that the generic parameter checks cannot see. */
  check(rule: RuleInput, column: ColumnInput): readonly Problem[];
  lowerPostgres(rule: RuleInput, ctx: PgLowering): string;
  /** The aggregation expression of the masked value, for a BSON string value; null and missing
   *  fields are the emitter's (emit/mongodb/mask-field.ts), as NULL is on PostgreSQL. */
  lowerMongo(rule: RuleInput, ctx: MongoLowering): MongoExpression;
}

export interface ParamSpec {
  readonly kind: 'int' | 'number' | 'char' | 'string' | 'name' | 'secret' | 'scalar';
  readonly min?: number;
  readonly max?: number;
  readonly oneOf?: readonly string[];
  readonly required?: boolean;
}

export interface RuleInput {
  readonly params: Readonly<Record<string, ParamPlanValue>>;
  readonly unique: boolean;
}

export interface ColumnInput {
  readonly name: string;
  readonly type: string;
  readonly category: TypeCategory;
  readonly maxLength?: number;
  /** The base type when `type` is a domain. */
  readonly domainOf?: string;
}

export interface Problem {
  readonly code: DiagnosticCode;
  readonly message: string;
  /** The parameter the problem is about, to point at it. */
  readonly param?: string;
}

/** What a PostgreSQL lowering may use: the value, the keyed hash, secrets, dictionaries. */
export interface PgLowering {
  /** The source value, e.g. `s."email"`. */
  readonly value: string;
  readonly column: ColumnInput;
  readonly hashMode: HashMode;
  /** A bigint: the keyed 64-bit hash of salt ‖ value as text; computed once per value. */
  keyedHash(): string;
  /** A bigint column reference whose low 60 bits are keyed bits of the value, independent of
   *  keyedHash(): what a unique suffix spells (unique-suffix.ts). */
  uniqueBits(): string;
  /** The 12 characters of a unique suffix spelling `bits` (a uniqueBits() column). */
  suffix(bits: string): string;
  /** The text of secret number `index` (0 is the plan's salt), read from the session. */
  secret(index: number): string;
  /** A string as a SQL literal. */
  literal(value: string): string;
  /** A finite number as SQL text. */
  number(value: number): string;
  /** `((h % n) + n) % n`: a non-negative remainder of a hash, written as every engine writes it. */
  hashMod(hash: string, n: number): string;
  /** `expr` (text) cast to the column's type. */
  castToColumn(expr: string): string;
  /** A dictionary of the plan, by its key (a field type, or `type:room` when fitted): its
   *  size, and the SQL of its entry at a 0-based index. */
  dictionary(key: string): { readonly size: number; pick(index: string): string };
}

/**
 * An aggregation expression as a pipeline file holds it: plain JSON, no BSON-only types, so
 * the same object is written to NAME.pipelines.json, sent by the driver, and run by mingo.
 */
export type MongoExpression =
  | string
  | number
  | boolean
  | null
  | readonly MongoExpression[]
  | { readonly [key: string]: MongoExpression };

/**
 * What a MongoDB lowering may use (emit/mongodb/lowering.ts builds it). The value is a BSON
 * string for now: other BSON types need a canonical text both engines print first (issue 14).
 */
export interface MongoLowering {
  /** The field's value, e.g. `$email`. */
  readonly value: MongoExpression;
  /** The field as a column: a text without width until collections have a schema. */
  readonly column: ColumnInput;
  /** A Long: the keyed 64-bit hash of salt ‖ value, what PgLowering.keyedHash() computes. */
  keyedHash(): MongoExpression;
  /** A Long whose low 60 bits are keyed bits of the value, independent of keyedHash(). */
  uniqueBits(): MongoExpression;
  /** The 12 characters a unique suffix spells from uniqueBits(), as suffixSql does. */
  suffix(bits: MongoExpression): MongoExpression;
  /** The aggregation variable that holds secret number `index` (0 is the plan's salt): a
   *  `$$name` the executor passes in the aggregate command's `let`, never the secret itself. */
  secret(index: number): MongoExpression;
  /** A constant never read as a field path or an operator. */
  literal(value: MongoExpression): MongoExpression;
  /** `((h mod n) + n) mod n`, exact on a Long hash. */
  hashMod(hash: MongoExpression, n: number): MongoExpression;
  /** A dictionary of the plan by its key: its size, and its entry at a 0-based index. */
  dictionary(key: string): {
    readonly size: number;
    pick(index: MongoExpression): MongoExpression;
  };
}

export const TEXT_LIKE: readonly TypeCategory[] = ['text'];
