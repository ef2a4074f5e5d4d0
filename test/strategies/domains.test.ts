import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { ENGINES, uniqueName } from '../support/engines.js';
import { maskValues } from '../support/mask-values.js';

/** perturb on a domain column pins to the domain's base type, as on the base type itself. */
for (const engine of ENGINES) {
  describe(`perturb on domains, on ${engine.name}`, () => {
    let conn: Connection;
    const big = uniqueName('big_d');
    const money = uniqueName('money_d');
    beforeAll(async () => {
      conn = await engine.open();
      await conn.exec(`CREATE DOMAIN ${big} AS bigint; CREATE DOMAIN ${money} AS numeric(5,2)`);
    });
    afterAll(async () => {
      await conn?.exec(`DROP DOMAIN IF EXISTS ${big}; DROP DOMAIN IF EXISTS ${money}`);
      await conn?.close();
    });

    it('a bigint domain at its end is pinned, not out of range', async () => {
      const max = 9223372036854775807n;
      const inputs = Array.from({ length: 20 }, (_, i) => String(max - BigInt(i)));
      const out = await maskValues(conn, {
        type: big,
        rule: 'perturb(pct: 10)',
        values: inputs,
        salt: 's',
      });
      expect(out.every((o) => BigInt(o!) <= max)).toBe(true);
      expect(out).toContain(String(max));
    });

    it('a numeric(5,2) domain stays within ±999.99', async () => {
      const out = await maskValues(conn, {
        type: money,
        rule: 'perturb(pct: 50)',
        values: ['999.99', '-999.99', '500.00'],
        salt: 's',
      });
      for (const o of out) expect(Math.abs(Number(o))).toBeLessThanOrEqual(999.99);
    });
  });
}
