import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { secretsMarkSql } from '../../src/emit/postgres/secrets-mark-sql.js';
import { secretsMark } from '../../src/exec/secrets-mark.js';
import { ENGINES } from '../support/engines.js';

const CASES: readonly (readonly string[])[] = [
  ['e2e-salt'],
  ['ab', 'c'],
  ['a', 'bc'],
  ["sel ü ∑ 😀 with a quote ' and a backslash \\"],
  ['x'.repeat(60)], // 64-byte key with its length: the HMAC block exactly
  ['y'.repeat(61)], // one byte over the block: HMAC hashes the key first
  ['a long salt '.repeat(20), 'and a second one'],
];

for (const engine of ENGINES) {
  describe(`the secrets fingerprint on ${engine.name}`, () => {
    let conn: Connection;
    beforeAll(async () => {
      conn = await engine.open();
    });
    afterAll(() => conn?.close());

    it('is the same HMAC-SHA256 in SQL (psql script) as in Node (masq run)', async () => {
      for (const secrets of CASES) {
        const sql = secretsMarkSql(secrets.map((_, i) => `$${i + 1}::text`));
        const r = await conn.query<{ m: string }>(`SELECT ${sql} AS m`, [...secrets]);
        expect(r.rows[0]!.m, JSON.stringify(secrets)).toBe(secretsMark(secrets));
      }
    });
  });
}

describe('the secrets fingerprint', () => {
  it('tells secret lists apart, and is unrelated to SHA-256 of the salt (the fast-hash seed)', async () => {
    const { createHash } = await import('node:crypto');
    expect(secretsMark(['ab', 'c'])).not.toBe(secretsMark(['a', 'bc']));
    expect(secretsMark(['s1'])).not.toBe(secretsMark(['s2']));
    expect(secretsMark(['s1'])).not.toContain(
      createHash('sha256').update('s1').digest('hex').slice(0, 16),
    );
    expect(secretsMark(['s1'])).toMatch(/^[0-9a-f]{64}$/);
  });
});
