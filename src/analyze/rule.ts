import type { ColumnRule } from '../ast/spec.js';
import type { ColumnSchema } from '../catalog/snapshot.js';
import { error, hasErrors } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { RulePlan } from '../ir/plan.js';
import { STRATEGIES } from '../strategies/registry.js';
import { resolveParams } from './params.js';
import type { TableContext } from './context.js';

/**
 * Checks one rule: its strategy, its parameters, whether it fits the column (when the schema is
 * known), and whether it could break a UNIQUE constraint of the column.
 */
export function resolveRule(
  rule: ColumnRule,
  column: ColumnSchema | undefined,
  columnIsUnique: boolean,
  ctx: TableContext,
): RulePlan | undefined {
  const { diagnostics } = ctx;
  const strategy = STRATEGIES.get(rule.strategy.value);
  if (!strategy) {
    const hint = didYouMean(rule.strategy.value, STRATEGIES.keys());
    diagnostics.push(
      error('MASQ012', `unknown strategy "${rule.strategy.value}"${hint}`, rule.strategy.span),
    );
    return undefined;
  }
  const before = diagnostics.length;
  const params = resolveParams(rule, strategy, ctx.secrets, diagnostics);
  const unique = rule.unique !== undefined;
  if (unique && strategy.distinctOutputs === 'never')
    diagnostics.push(
      error(
        'MASQ022',
        `${strategy.name} cannot promise distinct outputs, so it cannot be unique`,
        rule.unique,
      ),
    );
  if (hasErrors(diagnostics.slice(before))) return undefined;
  if (column) {
    for (const p of strategy.check({ params, unique }, column)) {
      const at =
        rule.params.find((x) => (x.name?.value ?? strategy.positional) === p.param)?.span ??
        rule.strategy.span;
      diagnostics.push(error(p.code, p.message, at));
    }
    if (columnIsUnique && !unique && strategy.distinctOutputs !== 'inherent') {
      const fix =
        strategy.distinctOutputs === 'on-request'
          ? 'add `unique` to the rule'
          : 'use hash_salt, substitute(…) unique, or keep';
      diagnostics.push(
        error(
          'MASQ022',
          `column "${column.name}" is UNIQUE, but ${strategy.name} can give two rows the same value: ${fix}`,
          rule.strategy.span,
        ),
      );
    }
  }
  if (hasErrors(diagnostics.slice(before))) return undefined;
  return {
    strategy: strategy.name,
    params,
    unique,
    origin: { file: ctx.file, line: rule.span.line, text: rule.text },
  };
}
