import type { Diagnostic } from './diagnostic.js';
import { sourceLines } from './span.js';

/**
 * Prints diagnostics the way editors and CI annotators parse them:
 *   configs/shop.masq:12:9: error MASQ012: unknown strategy "hsh_salt" (did you mean "hash_salt"?)
 *      12 |   device_id   hsh_salt
 *         |               ^^^^^^^^
 * `sources` maps a file name to its text, for the quoted line.
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): string {
  return [...diagnostics]
    .sort(byPosition)
    .map((d) => formatDiagnostic(d, sources))
    .join('\n');
}

/** Unpositioned first, then by file, line and column; a stable sort keeps the rest in order. */
function byPosition(a: Diagnostic, b: Diagnostic): number {
  if (!a.span || !b.span) return (a.span ? 1 : 0) - (b.span ? 1 : 0);
  return (
    a.span.file.localeCompare(b.span.file) ||
    a.span.line - b.span.line ||
    a.span.column - b.span.column
  );
}

export function formatDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>): string {
  const head = `${d.severity} ${d.code}: ${d.message}`;
  if (!d.span) return `masq: ${head}`;
  const { file, line, column } = d.span;
  const lines = [`${file}:${line}:${column}: ${head}`];
  const text = sources.get(file);
  const sourceLine = text === undefined ? undefined : sourceLines(text)[line - 1];
  if (sourceLine !== undefined) {
    const width =
      d.span.endLine === line
        ? Math.max(1, d.span.endColumn - column)
        : Math.max(1, sourceLine.length - column + 1);
    const pad = ' '.repeat(String(line).length);
    lines.push(`${pad} |`);
    lines.push(`${line} | ${sourceLine}`);
    // Keep the source's tabs under the caret so it lines up in any tab width.
    const indent = sourceLine.slice(0, column - 1).replace(/[^\t]/g, ' ');
    lines.push(`${pad} | ${indent}${'^'.repeat(width)}`);
  }
  return lines.join('\n');
}
