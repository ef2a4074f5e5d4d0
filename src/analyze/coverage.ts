import type { Spec } from '../ast/spec.js';
import type { SchemaSnapshot } from '../catalog/snapshot.js';
import { findTable } from '../catalog/snapshot.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error, warning } from '../diagnostics/diagnostic.js';
import { closest, didYouMean } from '../diagnostics/suggest.js';

/**
 * Coverage fails closed: every table of the source schema is either listed (masked and copied)
 * or explicitly skipped, and any other is a MASQ070 warning naming it, so that a table added to
 * the source is not silently left out. The snapshot holds top-level tables only (partitions
 * are reached through their parent, views are not tables), so those never count as unlisted.
 */
export function checkCoverage(
  spec: Spec,
  schema: SchemaSnapshot | undefined,
  diagnostics: Diagnostic[],
): void {
  const listed = new Map<string, number>();
  for (const t of spec.tables) if (!listed.has(t.name.value)) listed.set(t.name.value, t.span.line);
  const names = schema?.tables.map((t) => t.name) ?? [];
  // A misspelt listed table is already MASQ010 with its suggestion; the table it suggests is
  // meant to be listed, so it is not warned about as well.
  const meant = new Set(
    [...listed.keys()].flatMap((n) =>
      schema && !findTable(schema, n) ? (closest(n, names) ?? []) : [],
    ),
  );
  const skipped = new Map<string, number>();
  for (const name of spec.skipTables ?? []) {
    const table = name.value;
    const skippedOn = skipped.get(table);
    const listedOn = listed.get(table);
    if (skippedOn !== undefined)
      diagnostics.push(
        error('MASQ018', `table ${table} is already skipped on line ${skippedOn}`, name.span),
      );
    else if (listedOn !== undefined)
      diagnostics.push(
        error(
          'MASQ071',
          `table ${table} is listed on line ${listedOn} and also skipped: remove one of the two`,
          name.span,
        ),
      );
    else if (schema && !findTable(schema, table))
      diagnostics.push(
        error(
          'MASQ010',
          `unknown table "${table}" in schema ${schema.schema}${didYouMean(table, names)}`,
          name.span,
        ),
      );
    skipped.set(table, skippedOn ?? name.span.line);
  }
  if (!schema || spec.skipOthers) return;
  // At the source statement, which names the schema; without one, at the first table, so the
  // warning still points at a statement of the spec (line 1 may well be a comment).
  const at = spec.source?.span ?? spec.tables[0]?.span;
  for (const table of schema.tables) {
    if (listed.has(table.name) || skipped.has(table.name) || meant.has(table.name)) continue;
    diagnostics.push(
      warning(
        'MASQ070',
        `table ${table.name} of schema ${schema.schema} is not listed in the spec, so it is not copied: list it, or say it is left out with ${skipHint(spec, table.name)}`,
        at,
      ),
    );
  }
}

function skipHint(spec: Spec, table: string): string {
  return spec.format === 'masq'
    ? `\`skip table ${table}\` (or \`skip other tables\`)`
    : `\`skip tables: [${table}]\` (or \`skip other tables: true\`)`;
}
