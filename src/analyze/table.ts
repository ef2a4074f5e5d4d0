import type { ColumnRule, TableSpec } from '../ast/spec.js';
import { fingerprint } from '../catalog/fingerprint.js';
import type { ColumnSchema, TableSchema } from '../catalog/snapshot.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error, hasErrors } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { ColumnPlan, KeyPlan, Origin, RulePlan, TablePlan } from '../ir/plan.js';
import type { TableContext } from './context.js';
import { resolveRule } from './rule.js';
import { checkWhere } from './where.js';

/** Resolves one table of the spec against its schema; undefined when it cannot be planned. */
export function resolveTable(
  spec: TableSpec,
  schema: TableSchema,
  ctx: TableContext,
): TablePlan | undefined {
  const { diagnostics } = ctx;
  const before = diagnostics.length;
  const rules = new Map<string, ColumnRule>();
  for (const rule of spec.rules) {
    const name = rule.column.value;
    const column = schema.columns.find((c) => c.name === name);
    if (!column) {
      const hint = didYouMean(
        name,
        schema.columns.map((c) => c.name),
      );
      diagnostics.push(
        error(
          'MASQ011',
          `unknown column "${name}" in table ${spec.name.value}${hint}`,
          rule.column.span,
        ),
      );
    } else if (rules.has(name)) {
      diagnostics.push(
        error(
          'MASQ017',
          `column "${name}" already has a rule on line ${rules.get(name)!.span.line}`,
          rule.column.span,
        ),
      );
    } else if (column.generated && rule.strategy.value !== 'keep') {
      diagnostics.push(
        error(
          'MASQ023',
          `column "${name}" is generated from other columns: mask those instead`,
          rule.column.span,
        ),
      );
    } else {
      rules.set(name, rule);
    }
  }

  const columns: ColumnPlan[] = [];
  for (const column of schema.columns) {
    const rule = rules.get(column.name);
    const plan = rule
      ? resolveRule(rule, column, isUnique(schema, column.name), ctx)
      : defaultRule(column, spec, ctx);
    if (plan) columns.push(columnPlan(column, plan));
  }

  const key = resolveKey(spec, schema, diagnostics);
  const sample = ctx.sample ?? spec.sample?.value;
  if (sample !== undefined && !(sample > 0 && sample <= 100))
    diagnostics.push(
      error(
        'MASQ016',
        `sample must be more than 0 % and at most 100 %, got ${sample} %`,
        spec.sample?.span,
      ),
    );
  const limit = spec.limit?.value;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
    diagnostics.push(
      error('MASQ016', `limit must be a whole number of rows, got ${limit}`, spec.limit?.span),
    );
  const where = spec.where?.value;
  if (spec.where) {
    const names = schema.columns.map((c) => c.name);
    checkWhere(spec.where, spec.name.value, names, ctx.where, diagnostics);
  }

  // Only errors drop the table: a warning leaves it in the plan.
  if (hasErrors(diagnostics.slice(before)) || !key) return undefined;
  return {
    name: spec.name.value,
    key,
    columns,
    ...(sample !== undefined && sample < 100 ? { sample } : {}),
    ...(where !== undefined ? { where } : {}),
    ...(limit !== undefined ? { limit } : {}),
    origin: origin(ctx.file, spec.span.line, `table ${spec.name.value}`),
    ...(spec.fusedFrom ? { fusedFrom: spec.fusedFrom } : {}),
    postgres: { schema, fingerprint: fingerprint(schema) },
  };
}

function defaultRule(
  column: ColumnSchema,
  spec: TableSpec,
  ctx: TableContext,
): RulePlan | undefined {
  // A key column without a rule is copied as it is: naming it the key says it is not a secret.
  const key = spec.key?.find((k) => k.value === column.name);
  if (key)
    return {
      strategy: 'keep',
      params: {},
      unique: false,
      origin: origin(ctx.file, key.span.line, `${column.name} key`),
    };
  if (column.generated || ctx.defaultKeep) return { strategy: 'keep', params: {}, unique: false };
  ctx.diagnostics.push(
    error(
      'MASQ020',
      `column "${column.name}" of table ${spec.name.value} has no rule: give it one (keep, if it holds nothing sensitive) or set \`default keep\``,
      spec.name.span,
    ),
  );
  return undefined;
}

function columnPlan(column: ColumnSchema, rule: RulePlan): ColumnPlan {
  return {
    name: column.name,
    type: column.type,
    category: column.category,
    ...(column.maxLength !== undefined ? { maxLength: column.maxLength } : {}),
    ...(column.domainOf !== undefined ? { domainOf: column.domainOf } : {}),
    generated: column.generated !== undefined,
    identityAlways: column.identity === 'always',
    rule,
  };
}

function isUnique(schema: TableSchema, column: string): boolean {
  return schema.uniqueKeys.some((k) => k.length === 1 && k[0] === column);
}

/** The spec's key, else the primary key, else a unique key of NOT NULL columns, else ctid. */
function resolveKey(
  spec: TableSpec,
  schema: TableSchema,
  diagnostics: Diagnostic[],
): KeyPlan | undefined {
  const byName = (n: string) => schema.columns.find((c) => c.name === n);
  if (spec.key) {
    let ok = true;
    for (const k of spec.key) {
      const column = byName(k.value);
      if (!column) {
        ok = false;
        const hint = didYouMean(
          k.value,
          schema.columns.map((c) => c.name),
        );
        diagnostics.push(
          error(
            'MASQ011',
            `unknown key column "${k.value}" in table ${spec.name.value}${hint}`,
            k.span,
          ),
        );
      } else if (!column.notNull) {
        ok = false;
        diagnostics.push(
          error(
            'MASQ024',
            `key column "${k.value}" may be NULL, and rows with a NULL key would be skipped`,
            k.span,
          ),
        );
      }
    }
    return ok
      ? keyOf(
          spec.key.map((k) => k.value),
          schema,
        )
      : undefined;
  }
  const candidates = [schema.primaryKey, ...schema.uniqueKeys].filter(
    (k): k is readonly string[] => !!k,
  );
  const usable = candidates.find((k) => k.every((n) => byName(n)?.notNull));
  return usable ? keyOf(usable, schema) : { kind: 'row-address', partitioned: schema.partitioned };
}

function keyOf(names: readonly string[], schema: TableSchema): KeyPlan {
  return {
    kind: 'columns',
    columns: names.map((n) => ({ name: n, type: schema.columns.find((c) => c.name === n)!.type })),
  };
}

export function origin(file: string, line: number, text: string): Origin {
  return { file, line, text };
}
