import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { hashTextExtended } from '../../src/hash/fast-hash.js';
import { portableHash } from '../../src/hash/portable-hash.js';
import { seedFromSalt } from '../../src/hash/salt-seed.js';
import { describeNeeding, ENGINES, NO_SERVER } from '../support/engines.js';
import type { MaskCase } from '../support/mask-values.js';
import { maskRows, maskValues } from '../support/mask-values.js';
import type { StrategyRow, Value } from './strategy-rows.js';
import { OTHER_SALT, ROWS, SALT, dictionary, pickIndex } from './strategy-rows.js';

/** Every engine's outputs by case name, compared once both engines have run. */
const OUTPUTS = new Map<string, Map<string, readonly Value[]>>();

const caseOf = (row: StrategyRow): MaskCase => ({
  type: row.type,
  rule: row.rule,
  values: row.inputs,
  salt: row.salt ?? SALT,
  ...(row.moreSecrets ? { moreSecrets: row.moreSecrets } : {}),
  ...(row.hashMode ? { hashMode: row.hashMode } : {}),
});

const FIFTY_INTS = Array.from({ length: 50 }, (_, i) => String(1000 + i * 997));
const FIFTY_TEXTS = Array.from({ length: 50 }, (_, i) => `person-${i}`);
const UNIQUE_INPUTS = Array.from({ length: 5000 }, (_, i) => `customer${i}@shop.test`);
const SAMPLE_IDS = Array.from({ length: 4000 }, (_, i) => String(i + 1));

/** 60 bits in 12 characters of Crockford's base 32, lowercase: JavaScript's base-32 digits
 *  (0-9, a-v) renamed, an encoding written apart from masq's. */
const crockford = (bits: bigint) =>
  BigInt.asUintN(60, bits)
    .toString(32)
    .padStart(12, '0')
    .replace(/[a-v]/g, (d) => '0123456789abcdefghjkmnpqrstvwxyz'[parseInt(d, 32)]!);
const bucket = (h: bigint) => Number(((h % 10000n) + 10000n) % 10000n);
const UNIQUE_EMAIL = /^([^@\s]+)\.([0-9a-hjkmnp-tv-z]{12})@(example\.(?:com|org|net))$/;

for (const engine of ENGINES) {
  describe(engine.name, () => {
    let conn: Connection;
    const outputs = new Map<string, readonly Value[]>();
    OUTPUTS.set(engine.name, outputs);

    beforeAll(async () => {
      conn = await engine.open();
    });
    afterAll(async () => {
      await conn?.close();
    });

    describe('strategy table', () => {
      for (const row of ROWS) {
        it(`${row.name} [${row.type}: ${row.rule}]`, async () => {
          const out = await maskValues(conn, caseOf(row));
          outputs.set(row.name, out);
          if (row.expected) expect(out).toEqual(row.expected);
          row.check?.(out, row.inputs);
        });
      }

      it('gives every row the same outputs on a second run', async () => {
        for (const row of ROWS) {
          const first = outputs.get(row.name);
          if (first) expect(await maskValues(conn, caseOf(row)), row.name).toEqual(first);
        }
      });
    });

    describe('the salt changes the outputs', () => {
      const cases: [string, Omit<MaskCase, 'salt'>][] = [
        [
          'perturb(pct) on integer',
          { type: 'integer', rule: 'perturb(pct: 10)', values: FIFTY_INTS },
        ],
        [
          'perturb(days) on date',
          {
            type: 'date',
            rule: 'perturb(days: 30)',
            values: FIFTY_INTS.map((_, i) => `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`),
          },
        ],
        ['substitute portable', { type: 'text', rule: 'substitute(email)', values: FIFTY_TEXTS }],
        [
          'substitute fast',
          { type: 'text', rule: 'substitute(email)', values: FIFTY_TEXTS, hashMode: 'fast' },
        ],
        ['hash_salt', { type: 'text', rule: 'hash_salt', values: FIFTY_TEXTS }],
      ];
      for (const [name, c] of cases) {
        it(name, async () => {
          const a = await maskValues(conn, { ...c, salt: SALT });
          const b = await maskValues(conn, { ...c, salt: OTHER_SALT });
          outputs.set(`salt: ${name}`, [...a, ...b]);
          const differing = a.filter((v, i) => v !== b[i]).length;
          // A keyed shift can land on the same value by chance; most must not.
          expect(differing).toBeGreaterThan(c.values.length / 2);
        });
      }
    });

    it('substitute(email) unique: 5000 distinct inputs, 5000 distinct valid example emails', async () => {
      const out = await maskValues(conn, {
        type: 'text',
        rule: 'substitute(email) unique',
        values: UNIQUE_INPUTS,
        salt: SALT,
      });
      outputs.set('unique email', out);
      expect(new Set(out).size).toBe(UNIQUE_INPUTS.length);
      const dict = dictionary('email');
      out.forEach((email, i) => {
        const v = UNIQUE_INPUTS[i]!;
        const m = UNIQUE_EMAIL.exec(email ?? '');
        expect(m, `${v} → ${email}`).not.toBeNull();
        // The dictionary pick with the suffix before the @: 60 bits of hash(salt ‖ \x01 ‖ v).
        expect(`${m![1]}@${m![3]}`).toBe(dict[pickIndex(v, SALT, dict.length, 'portable')]);
        expect(m![2]).toBe(crockford(portableHash(`${SALT}\u0001${v}`)));
      });
    });

    it('substitute(email) unique in hash fast mode: md5 suffix, distinct outputs', async () => {
      const values = UNIQUE_INPUTS.slice(0, 500);
      const out = await maskValues(conn, {
        type: 'text',
        rule: 'substitute(email) unique',
        values,
        salt: SALT,
        hashMode: 'fast',
      });
      outputs.set('unique email fast', out);
      expect(new Set(out).size).toBe(values.length);
      const dict = dictionary('email');
      out.forEach((email, i) => {
        const v = values[i]!;
        const m = UNIQUE_EMAIL.exec(email ?? '');
        expect(m, `${v} → ${email}`).not.toBeNull();
        expect(`${m![1]}@${m![3]}`).toBe(dict[pickIndex(v, SALT, dict.length, 'fast')]);
        const md5 = createHash('md5')
          .update(SALT + v)
          .digest('hex');
        expect(m![2]).toBe(crockford(BigInt(`0x${md5.slice(0, 15)}`)));
      });
    });

    it('sample 25% keeps exactly the ids whose portable bucket is below 2500', async () => {
      const rows = await maskRows(conn, {
        type: 'integer',
        rule: 'keep',
        values: SAMPLE_IDS,
        salt: SALT,
        tableItems: ['sample 25%'],
      });
      const ids = rows.map((r) => r.id);
      outputs.set('sample portable', ids.map(String));
      const expected = SAMPLE_IDS.filter((id) => bucket(portableHash(SALT + id)) < 2500).map(
        Number,
      );
      expect(ids).toEqual(expected);
      expect(rows.every((r) => r.v === String(r.id))).toBe(true);
      // The keyed bucket is uniform: about a quarter, not an artefact of the id order.
      expect(expected.length).toBeGreaterThan(900);
      expect(expected.length).toBeLessThan(1100);
    });

    it('sample 25% in hash fast mode keeps the ids whose hashtextextended bucket is below 2500', async () => {
      const rows = await maskRows(conn, {
        type: 'integer',
        rule: 'keep',
        values: SAMPLE_IDS,
        salt: SALT,
        hashMode: 'fast',
        tableItems: ['sample 25%'],
      });
      const ids = rows.map((r) => r.id);
      outputs.set('sample fast', ids.map(String));
      const seed = seedFromSalt(SALT);
      expect(ids).toEqual(
        SAMPLE_IDS.filter((id) => bucket(hashTextExtended(id, seed)) < 2500).map(Number),
      );
    });
  });
}

describeNeeding(NO_SERVER, 'PGlite and the server agree', () => {
  const names = [
    ...ROWS.map((r) => r.name),
    'salt: perturb(pct) on integer',
    'salt: perturb(days) on date',
    'salt: substitute portable',
    'salt: substitute fast',
    'salt: hash_salt',
    'unique email',
    'unique email fast',
    'sample portable',
    'sample fast',
  ];
  for (const name of names) {
    it(name, () => {
      const [a, b] = ENGINES.map((e) => OUTPUTS.get(e.name)?.get(name));
      expect(a, 'no output from pglite').toBeDefined();
      expect(b, 'no output from the server').toBeDefined();
      expect(b).toEqual(a);
    });
  }
});
