import type { Spec } from '../ast/spec.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** What every front-end returns: the AST when one could be built, and every problem found. */
export interface FrontendResult {
  readonly spec?: Spec;
  readonly diagnostics: readonly Diagnostic[];
}
