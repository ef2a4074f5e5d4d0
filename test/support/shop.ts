import { compileSpec } from '../../src/cli/compile-spec.js';
import type { Connection } from '../../src/db/connection.js';
import { createShop } from '../../src/demo/shop-data.js';
import type { Plan } from '../../src/ir/plan.js';

export const SHOP_SPEC = 'configs/examples/shop.masq';
export const SHOP_SIZE = { customers: 4000, orders: 12000 } as const;
export const SALT = 'e2e-salt';

/** Builds the demo shop in `conn` and compiles the example spec against it. */
export async function shopPlan(
  conn: Connection,
  overrides: { batchSize?: number } = {},
): Promise<Plan> {
  await createShop(conn, SHOP_SIZE);
  return compileShop(conn, overrides);
}

export async function compileShop(
  conn: Connection,
  overrides: { batchSize?: number } = {},
): Promise<Plan> {
  const compiled = await compileSpec(SHOP_SPEC, {
    overrides,
    connections: {},
    env: {},
    source: conn,
  });
  if (!compiled.plan)
    throw new Error(`shop spec did not compile: ${JSON.stringify(compiled.diagnostics)}`);
  return compiled.plan;
}
