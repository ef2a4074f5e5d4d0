import type { Spec } from '../ast/spec.js';
import type { SchemaSnapshot } from '../catalog/snapshot.js';
import { findTable } from '../catalog/snapshot.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error, hasErrors } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { Plan, SecretRef, TablePlan } from '../ir/plan.js';
import { fittedDictionary } from '../strategies/fitted-dictionary.js';
import { substituteDictionary } from '../strategies/substitute.js';
import type { FieldType } from '../strategies/field-types.js';
import type { TableContext } from './context.js';
import { checkCoverage } from './coverage.js';
import { resolveRule } from './rule.js';
import type { Overrides } from './settings.js';
import { resolveSettings } from './settings.js';
import { resolveTable } from './table.js';
import type { WhereEnv } from './where.js';
import { checkWhere } from './where.js';

export type { Overrides } from './settings.js';
export { DEFAULT_SOURCE_SCHEMA } from './settings.js';

export interface AnalyzeResult {
  /** Present when the spec is valid and the schema was known. */
  readonly plan?: Plan;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Resolves a spec against the source schema and lowers it to a plan. Without a schema it still
 * checks everything that does not need one (strategies, parameters, settings) but makes no plan.
 */
export function analyze(
  spec: Spec,
  schema: SchemaSnapshot | undefined,
  name: string,
  overrides: Overrides = {},
  where: WhereEnv = {},
): AnalyzeResult {
  const diagnostics: Diagnostic[] = [];
  const settings = resolveSettings(spec, overrides, diagnostics);
  const secrets: SecretRef[] = [settings.salt];
  const ctx: TableContext = {
    file: spec.file,
    defaultKeep: spec.defaultKeep !== undefined,
    secrets: (ref) => {
      const i = secrets.findIndex((s) => JSON.stringify(s) === JSON.stringify(ref));
      return i >= 0 ? i : secrets.push(ref) - 1;
    },
    ...(overrides.sample !== undefined ? { sample: overrides.sample } : {}),
    where,
    diagnostics,
  };

  checkCoverage(spec, schema, diagnostics);
  const tables: TablePlan[] = [];
  const seen = new Map<string, number>();
  for (const table of spec.tables) {
    const name = table.name.value;
    if (seen.has(name)) {
      diagnostics.push(
        error(
          'MASQ018',
          `table ${name} is already listed on line ${seen.get(name)}`,
          table.name.span,
        ),
      );
      continue;
    }
    seen.set(name, table.span.line);
    if (!schema) {
      for (const rule of table.rules) resolveRule(rule, undefined, false, ctx);
      if (table.where) checkWhere(table.where, name, undefined, where, diagnostics);
      continue;
    }
    const tableSchema = findTable(schema, name);
    if (!tableSchema) {
      const hint = didYouMean(
        name,
        schema.tables.map((t) => t.name),
      );
      diagnostics.push(
        error(
          'MASQ010',
          `unknown table "${name}" in schema ${schema.schema}${hint}`,
          table.name.span,
        ),
      );
      continue;
    }
    const plan = resolveTable(table, tableSchema, ctx);
    if (plan) tables.push(plan);
  }

  if (!schema || hasErrors(diagnostics)) return { diagnostics };
  const plan: Plan = {
    format: 'masq-plan',
    version: 2,
    name,
    spec: { file: spec.file, format: spec.format },
    source: settings.source,
    target: settings.target,
    bookkeeping: { schema: settings.bookkeepingSchema },
    secrets,
    hashMode: settings.hashMode,
    batchSize: settings.batchSize,
    tables,
    dictionaries: planDictionaries(tables),
    ...(spec.steps
      ? { steps: spec.steps.map((s) => ({ name: s.name, type: s.type, order: s.order })) }
      : {}),
  };
  return { plan, diagnostics };
}

/** Every dictionary the substitutions pick from, by key (the field type, or `type:room` for
 *  a column too narrow for some entries), sorted so the plan's text does not depend on order. */
function planDictionaries(tables: readonly TablePlan[]): Record<string, readonly string[]> {
  const wanted = new Map<string, { type: FieldType; room: number | undefined }>();
  for (const t of tables)
    for (const c of t.columns)
      if (c.rule.strategy === 'substitute') {
        const { type, room, key } = substituteDictionary(c.rule, c);
        wanted.set(key, { type, room });
      }
  const dictionaries: Record<string, readonly string[]> = {};
  for (const key of [...wanted.keys()].sort()) {
    const { type, room } = wanted.get(key)!;
    // The rule's check refused a column no dictionary fits.
    dictionaries[key] = fittedDictionary(type, room)!;
  }
  return dictionaries;
}
