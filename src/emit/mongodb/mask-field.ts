import type { MongoLowering, RuleInput, Strategy } from '../../strategies/strategy.js';
import type { Expression } from './expression.js';

/**
 * The expression a `$set` gives a masked field: the strategy's lowering, guarded as NULL is
 * guarded on PostgreSQL (table-view.ts): a missing field stays missing for every strategy, and
 * a null stays null unless the strategy writes into NULLs (constant).
 */
export function maskField(strategy: Strategy, rule: RuleInput, ctx: MongoLowering): Expression {
  const masked = strategy.lowerMongo(rule, ctx);
  // Copying the value keeps a missing field missing and a null null by itself.
  if (masked === ctx.value) return masked;
  const type = { $type: ctx.value };
  const present = strategy.keepsNull ? { $cond: [{ $eq: [type, 'null'] }, null, masked] } : masked;
  // $$REMOVE: the manual's way for `$set` to leave a field out.
  return { $cond: [{ $eq: [type, 'missing'] }, '$$REMOVE', present] };
}
