import { literal } from '../emit/postgres/quote.js';
import type { Strategy } from './strategy.js';

export const constant: Strategy = {
  name: 'constant',
  summary: 'write the same value into every row, NULLs included',
  params: { value: { kind: 'scalar', required: true } },
  positional: 'value',
  keepsNull: false,
  distinctOutputs: 'never',
  check: () => [],
  lowerPostgres: (rule, ctx) => `${literal(String(rule.params.value))}::${ctx.column.type}`,
};
