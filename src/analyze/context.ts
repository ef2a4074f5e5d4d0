import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SecretRegistry } from './params.js';

/** What every table's analysis shares. */
export interface TableContext {
  readonly file: string;
  readonly defaultKeep: boolean;
  readonly secrets: SecretRegistry;
  /** The environment's sample percentage, which replaces the tables' own. */
  readonly sample?: number;
  readonly diagnostics: Diagnostic[];
}
