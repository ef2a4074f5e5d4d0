import { constantMisfit } from './constant-fits.js';
import type { Strategy } from './strategy.js';

export const constant: Strategy = {
  name: 'constant',
  summary: 'write the same value into every row, NULLs included',
  params: { value: { kind: 'scalar', required: true } },
  positional: 'value',
  keepsNull: false,
  distinctOutputs: 'never',
  check: (rule, column) => {
    const text = String(rule.params.value);
    const wanted = constantMisfit(text, column);
    if (wanted === undefined) return [];
    const message = `constant ${JSON.stringify(text)} does not fit column "${column.name}" (${column.type}): it takes ${wanted}`;
    return [{ code: 'MASQ027', message, param: 'value' }];
  },
  lowerPostgres: (rule, ctx) => ctx.castToColumn(ctx.literal(String(rule.params.value))),
  // A string, as the value is text in the spec; typed BSON constants wait for collection schemas.
  lowerMongo: (rule, ctx) => ctx.literal(String(rule.params.value)),
};
