import type { Span } from './span.js';
import type { DiagnosticCode } from './codes.js';

export type Severity = 'error' | 'warning' | 'note';

/** One problem found in the input. Collected, never thrown, so a run reports all of them. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** Absent for problems that belong to no place in a file (a missing environment variable). */
  readonly span?: Span;
}

export function error(code: DiagnosticCode, message: string, span?: Span): Diagnostic {
  return span ? { severity: 'error', code, message, span } : { severity: 'error', code, message };
}

export function warning(code: DiagnosticCode, message: string, span?: Span): Diagnostic {
  return span
    ? { severity: 'warning', code, message, span }
    : { severity: 'warning', code, message };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
