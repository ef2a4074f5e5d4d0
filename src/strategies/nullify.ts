import type { Strategy } from './strategy.js';

export const nullify: Strategy = {
  name: 'nullify',
  summary: 'write NULL',
  params: {},
  keepsNull: true,
  nullSafe: true,
  // NULLs never collide under UNIQUE.
  distinctOutputs: 'inherent',
  check: () => [],
  lowerPostgres: (_rule, ctx) => ctx.castToColumn('NULL'),
  lowerMongo: () => null,
};
