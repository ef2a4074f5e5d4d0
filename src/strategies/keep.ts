import type { Strategy } from './strategy.js';

export const keep: Strategy = {
  name: 'keep',
  summary: 'copy the value unchanged',
  params: {},
  keepsNull: true,
  nullSafe: true,
  distinctOutputs: 'inherent',
  check: () => [],
  lowerPostgres: (_rule, ctx) => ctx.value,
  lowerMongo: (_rule, ctx) => ctx.value,
};
