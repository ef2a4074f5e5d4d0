import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTextExtended } from '../../src/hash/fast-hash.js';
import { portableHash } from '../../src/hash/portable-hash.js';
import { seedFromSalt } from '../../src/hash/salt-seed.js';
import { describeNeeding, NO_SERVER } from '../support/engines.js';

/** A seed with the top bit of both 32-bit halves set, to catch sign slips. */
const SEED = -7046029254386353131n;

// [input, portableHash, hashTextExtended(input, 0), hashTextExtended(input, SEED)],
// recorded from PostgreSQL 15.20 on x86_64 with PORTABLE_SQL and hashtextextended.
// Lengths in bytes straddle lookup3's 4-byte words and 12-byte blocks.
const ROWS: readonly (readonly [string, bigint, bigint, bigint])[] = [
  ['', 2049396243249673340n, -6939563903564495251n, 5233101233904376371n],
  ['a', 2780795045148116090n, 3591986179850072241n, -7773757010039246667n],
  ['abc', 8478485326885698097n, -6747756470228489321n, 7179462710890291301n],
  ['abcd', 2217997363565137018n, -1038429303365892052n, 3344324032684639052n],
  ['hello', 5347277839332858538n, 3449563369152288809n, -8731611622956613856n],
  ['abcdefgh', 296830531671037675n, -8882191227074733005n, 5150498316399276286n],
  ['abcdefghi', -3220198797109765940n, -3278210106038014113n, 5389185136993292524n],
  ['abcdefghijk', -6169902939081907670n, 3112909444737856467n, -802576794447761230n],
  ['abcdefghijkl', -712861223057080222n, -7556637188122330412n, 7075027150287853142n],
  ['abcdefghijklm', 2088580339066897803n, 8871624171452417744n, 7177256405767785247n],
  ['string to hash', 763543691661428748n, 3882125216539363420n, -7390792093981308304n],
  ['abcdefghijklmnopqrstuvw', -1021471216868513899n, -1198571854151947912n, -858671223261209192n],
  ['abcdefghijklmnopqrstuvwx', -603769292841402358n, -1933194731779935345n, -8844344390553664328n],
  ['abcdefghijklmnopqrstuvwxy', 3350653958248048157n, 5649064133428767341n, 1293586730046779117n],
  ['alice@example.com', -1158812734814808915n, -4418616537726101056n, -678355905189708090n],
  ['Zoë Łódź 東京 🎉', -247059474793833178n, -7634971956033149616n, 5416050645307391345n],
  ['🎉🎉🎉', 4127418707421967423n, 913259372401161733n, -4629540167902800382n],
  ['🎉🎉é', -69968459868936736n, -7730970860065381589n, 1020743405863572894n],
  ['ÿ', -8912115984589617318n, 2990123090856418804n, 8255354493077578914n],
  [
    'The quick brown fox jumps over the lazy dog. '.repeat(7).slice(0, 300),
    -1377496788634172018n,
    616773870975064556n,
    -8027815656125468458n,
  ],
  ['ñ'.repeat(150), 2734751532938026217n, 5125591958988136096n, 2350316187964088057n],
];

/** The inline MongoDB-compatible hash from FACTS.md, taking the value as $1. */
const PORTABLE_SQL = `
select get_byte(d,0)::bigint | (get_byte(d,1)::bigint << 8) | (get_byte(d,2)::bigint << 16)
     | (get_byte(d,3)::bigint << 24) | (get_byte(d,4)::bigint << 32) | (get_byte(d,5)::bigint << 40)
     | (get_byte(d,6)::bigint << 48) | (get_byte(d,7)::bigint << 56) as portable,
     hashtextextended($1::text, 0) as fast0,
     hashtextextended($1::text, $2::bigint) as fast
from (select decode(md5('\\x000000000f000000'::bytea
        || set_byte(set_byte(set_byte(set_byte('\\x00000000'::bytea, 0, (length(b)+1) & 255),
             1, ((length(b)+1) >> 8) & 255), 2, ((length(b)+1) >> 16) & 255), 3, ((length(b)+1) >> 24) & 255)
        || b || '\\x00'::bytea), 'hex') as d
      from (select convert_to($1::text, 'UTF8') as b offset 0) q offset 0) z`;

const SEED_SQL = `select ('x' || substr(encode(sha256(convert_to($1::text,'UTF8')),'hex'),1,16))::bit(64)::bigint as seed`;

const SALTS = ['', 'salt', 'correct horse battery staple', 'Zoë Łódź 東京 🎉', 'x'.repeat(500)];

interface Engine {
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

const ENGINES: readonly {
  name: string;
  missing: string | undefined;
  open: () => Promise<Engine>;
}[] = [
  {
    name: 'PGlite',
    missing: undefined,
    async open() {
      const db = await PGlite.create();
      return {
        query: async (sql, params) =>
          (await db.query<Record<string, unknown>>(sql, params)).rows[0]!,
        close: () => db.close(),
      };
    },
  },
  {
    name: 'PostgreSQL server',
    missing: NO_SERVER,
    async open() {
      const client = new pg.Client({ connectionString: process.env.PG_URL });
      await client.connect();
      return {
        query: async (sql, params) =>
          (await client.query(sql, params)).rows[0] as Record<string, unknown>,
        close: () => client.end(),
      };
    },
  },
];

// pg returns bigint columns as strings, PGlite as BigInt.
const big = (v: unknown): bigint => BigInt(v as string | bigint);

describe('portableHash', () => {
  it('matches the vectors published for MongoDB $toHashedIndexKey', () => {
    expect(portableHash('string to hash')).toBe(763543691661428748n);
    expect(portableHash('hello')).toBe(5347277839332858538n);
  });
});

describe('hashes equal the values recorded from PostgreSQL 15', () => {
  it.each(ROWS)('%j', (input, portable, fast0, fast) => {
    expect(portableHash(input)).toBe(portable);
    expect(hashTextExtended(input, 0n)).toBe(fast0);
    expect(hashTextExtended(input, SEED)).toBe(fast);
  });
});

for (const engine of ENGINES) {
  describeNeeding(engine.missing, `JS hashes equal ${engine.name}`, () => {
    let db: Engine;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(() => db?.close());

    it.each(ROWS)('%j', async (input) => {
      const row = await db.query(PORTABLE_SQL, [input, SEED.toString()]);
      expect([big(row.portable), big(row.fast0), big(row.fast)]).toEqual([
        portableHash(input),
        hashTextExtended(input, 0n),
        hashTextExtended(input, SEED),
      ]);
    });

    it('hashtextextended agrees for every tail length from 0 to 40 bytes', async () => {
      const inputs = Array.from({ length: 41 }, (_, n) =>
        Array.from({ length: n }, (_, i) => String.fromCharCode(32 + ((n * 31 + i * 7) % 95))).join(
          '',
        ),
      );
      for (const input of inputs) {
        const row = await db.query(PORTABLE_SQL, [input, SEED.toString()]);
        expect(big(row.fast), JSON.stringify(input)).toBe(hashTextExtended(input, SEED));
      }
    });

    it.each(SALTS)('seedFromSalt(%j) equals the SQL seed expression', async (salt) => {
      const row = await db.query(SEED_SQL, [salt]);
      expect(big(row.seed)).toBe(seedFromSalt(salt));
    });
  });
}
