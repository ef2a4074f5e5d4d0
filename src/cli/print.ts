import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { plural } from '../util/plural.js';

/** Prints diagnostics to stderr; true when any is an error. */
export function reportDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): boolean {
  if (diagnostics.length) process.stderr.write(formatDiagnostics(diagnostics, sources) + '\n');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) process.stderr.write(`masq: ${plural(errors, 'error')}; nothing was written\n`);
  return hasErrors(diagnostics);
}
