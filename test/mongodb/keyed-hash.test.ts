import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saltedPortableHash } from '../../bench/keyed-hash.js';
import type { Connection } from '../../src/db/connection.js';
import { keyedHash, SALT_VARIABLE, uniqueBitsHash } from '../../src/emit/mongodb/keyed-hash.js';
import { portableHashLateral } from '../../src/emit/postgres/portable-hash-sql.js';
import { aggregateInProcess } from '../../src/exec/mongodb/in-process.js';
import { portableHash } from '../../src/hash/portable-hash.js';
import { ENGINES } from '../support/engines.js';
import { SALT, TEXTS } from './texts.js';

const PIPELINE = [{ $set: { h: keyedHash('$v'), u: uniqueBitsHash('$v') } }];

function mingoHashes(salt: string): { h: bigint; u: bigint }[] {
  const docs = TEXTS.map((v, i) => ({ _id: i, v }));
  return aggregateInProcess(PIPELINE, docs, { [SALT_VARIABLE]: salt }) as {
    h: bigint;
    u: bigint;
  }[];
}

describe('the keyed hash in a pipeline', () => {
  it('gives the published $toHashedIndexKey vectors (FACTS) under an empty salt', () => {
    const docs = [{ v: 'string to hash' }, { v: 'hello' }];
    const out = aggregateInProcess([{ $set: { h: keyedHash('$v') } }], docs, {
      [SALT_VARIABLE]: '',
    });
    expect(out.map((d) => d.h)).toEqual([763543691661428748n, 5347277839332858538n]);
  });

  it('is portableHash(salt + text), and the unique bits portableHash(salt + \\x01 + text), for 1,000 texts', () => {
    const independent = saltedPortableHash(SALT); // bench's own MD5, not node:crypto
    const out = mingoHashes(SALT);
    expect(out.map((d) => d.h)).toEqual(TEXTS.map((t) => portableHash(SALT + t)));
    expect(out.map((d) => d.h)).toEqual(TEXTS.map(independent));
    expect(out.map((d) => d.u)).toEqual(TEXTS.map((t) => portableHash(`${SALT}\u0001${t}`)));
  });

  it('holds no salt: it names the variable the executor passes with `let`', () => {
    const text = JSON.stringify(PIPELINE);
    expect(text).toContain(`$$${SALT_VARIABLE}`);
    expect(mingoHashes('a')[0]!.h).not.toBe(mingoHashes('b')[0]!.h);
  });
});

for (const engine of ENGINES)
  describe(`the keyed hash, mingo against masq's SQL on ${engine.name}`, () => {
    let conn: Connection;
    beforeAll(async () => {
      conn = await engine.open();
    });
    afterAll(() => conn.close());

    it('is the same 64-bit value for 1,000 texts', async () => {
      const { rows } = await conn.query<{ h: bigint | string }>(
        `SELECT x.masq_h::text AS h FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i)
         CROSS JOIN LATERAL ${portableHashLateral('$2 || u.t')} AS x ORDER BY u.i`,
        [TEXTS, SALT],
      );
      expect(rows.map((r) => BigInt(r.h))).toEqual(mingoHashes(SALT).map((d) => d.h));
    });
  });
