import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { hasPassword } from '../secrets/redact-url.js';
import { knownSecrets } from '../secrets/scrubber.js';
import { plural } from '../util/plural.js';
import { diagnosticEvent, jsonLine } from './json-lines.js';

/**
 * Prints diagnostics to stderr, and with `json` (--json) as JSON lines on stdout too; true when
 * the command must fail: on any error, and with `strict` (--strict) on any warning too, so that a
 * CI gate passes only on a spec it could check completely.
 */
export function reportDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  { strict = false, json = false }: { readonly strict?: boolean; readonly json?: boolean } = {},
): boolean {
  for (const d of diagnostics) if (d.code === 'MASQ030') learnWrittenSecret(d, sources);
  if (json) for (const d of diagnostics) process.stdout.write(jsonLine(diagnosticEvent(d)));
  if (diagnostics.length) process.stderr.write(formatDiagnostics(diagnostics, sources) + '\n');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (errors) process.stderr.write(`masq: ${plural(errors, 'error')}; nothing was written\n`);
  else if (strict && warnings)
    process.stderr.write(`masq: ${plural(warnings, 'warning')}, which --strict makes fail\n`);
  return hasErrors(diagnostics) || (strict && warnings > 0);
}

/**
 * A MASQ030 span is a secret written into the spec: its source line is about to be quoted under
 * the message, so the secret (a URL's password, a quoted salt) is scrubbed from it like any other.
 */
function learnWrittenSecret(d: Diagnostic, sources: ReadonlyMap<string, string>): void {
  const text = d.span && sources.get(d.span.file)?.slice(d.span.offset, d.span.endOffset);
  if (!text) return;
  const quoted = /(["'])(.+)\1/s.exec(text)?.[2] ?? text;
  if (hasPassword(quoted)) knownSecrets.addUrl(quoted);
  else knownSecrets.addSecret(quoted);
}
