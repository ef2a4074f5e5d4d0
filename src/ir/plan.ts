import type { TableSchema, TypeCategory } from '../catalog/snapshot.js';

/**
 * The typed plan: everything an emitter needs, nothing it must look up. Plain JSON, versioned,
 * hashed. It never holds a secret: salts are named by where they come from, never by value.
 */
export interface Plan {
  readonly format: 'masq-plan';
  readonly version: 2;
  readonly name: string;
  readonly spec: { readonly file: string; readonly format: string };
  readonly source: EndpointPlan;
  readonly target: EndpointPlan;
  /** Where masq keeps its progress in the target database: a schema of its own, never among
   *  the user's tables. */
  readonly bookkeeping: { readonly schema: string };
  /** secrets[0] is the plan's salt; hash_salt rules with their own salt add more. */
  readonly secrets: readonly SecretRef[];
  readonly hashMode: HashMode;
  readonly batchSize: number;
  readonly tables: readonly TablePlan[];
  /** Substitution dictionaries by field type, made at compile time with a fixed seed. */
  readonly dictionaries: Readonly<Record<string, readonly string[]>>;
  /** Pipeline steps that were fused into the tables' single passes (pipeline form only). */
  readonly steps?: readonly {
    readonly name: string;
    readonly type: string;
    readonly order: number;
  }[];
}

/** The bookkeeping schema when the spec names none. */
export const DEFAULT_BOOKKEEPING_SCHEMA = 'masq';

export type HashMode = 'portable' | 'fast';

export type SecretRef = { readonly env: string } | { readonly file: string };

/** A connection URL: from the environment at run time, or written in the spec. */
export type UrlRef = { readonly env: string } | { readonly literal: string };

export interface EndpointPlan {
  readonly engine: 'postgres';
  readonly url: UrlRef;
  readonly schema: string;
}

export interface TablePlan {
  readonly name: string;
  /** The columns batches are ordered and resumed by; the row address when it has no key. */
  readonly key: KeyPlan;
  readonly columns: readonly ColumnPlan[];
  readonly sample?: number;
  readonly where?: string;
  readonly limit?: number;
  readonly origin: Origin;
  readonly fusedFrom?: readonly string[];
  /** What only PostgreSQL reads: an engine's facts sit in a section named after it. */
  readonly postgres: PostgresTablePlan;
}

export interface PostgresTablePlan {
  /** The source table as it was at compile time: DDL for the target and the drift check. */
  readonly schema: TableSchema;
  readonly fingerprint: string;
}

export type KeyPlan =
  | {
      readonly kind: 'columns';
      readonly columns: readonly { readonly name: string; readonly type: string }[];
    }
  /** No usable key: batches by the engine's own row address (PostgreSQL: ctid). */
  | { readonly kind: 'row-address'; readonly partitioned: boolean };

export interface ColumnPlan {
  readonly name: string;
  readonly type: string;
  readonly category: TypeCategory;
  readonly maxLength?: number;
  readonly domainOf?: string;
  /** Generated columns are recomputed by the target from the masked values, never inserted. */
  readonly generated: boolean;
  readonly identityAlways: boolean;
  readonly rule: RulePlan;
}

export interface RulePlan {
  readonly strategy: string;
  readonly params: Readonly<Record<string, ParamPlanValue>>;
  readonly unique: boolean;
  /** Absent when the column is kept because the spec says `default keep`. */
  readonly origin?: Origin;
}

export type ParamPlanValue = string | number | boolean | { readonly secret: number };

/** Where a plan element was written: for comments in scripts and for messages. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}
