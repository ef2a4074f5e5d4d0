import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SecretRegistry } from './params.js';
import type { WhereEnv } from './where.js';

/** What every table's analysis shares. */
export interface TableContext {
  readonly file: string;
  readonly defaultKeep: boolean;
  readonly secrets: SecretRegistry;
  /** The environment's sample percentage, which replaces the tables' own. */
  readonly sample?: number;
  readonly where: WhereEnv;
  readonly diagnostics: Diagnostic[];
}
