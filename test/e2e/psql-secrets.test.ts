import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createShop } from '../../src/demo/shop-data.js';
import { masq, NO_PSQL } from '../support/cli.js';
import { createTestDatabase } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { describeNeeding, NO_SERVER } from '../support/engines.js';
import { SHOP_SPEC } from '../support/shop.js';

/**
 * The compiled psql script, run by the real psql on the server: nothing it prints, under any of
 * psql's echo modes, holds the salt; psql reads it from the environment or its file itself.
 */
const SALT = 'SALT-canary-psql-5e0c21';
const SEEN_AS = [SALT, Buffer.from(SALT).toString('hex'), Buffer.from(SALT).toString('base64')];
const SIZE = { customers: 300, orders: 600 };

function expectNoSalt(where: string, text: string): void {
  for (const form of SEEN_AS) expect(text.includes(form), `${form} in ${where}`).toBe(false);
}

/** Compiles `spec` against the database; returns the script's path. */
function compile(db: TestDatabase, spec: string): string {
  const out = mkdtempSync(join(tmpdir(), 'masq-psql-'));
  const compiled = masq(['compile', spec, '--source', db.url, '--out', out]);
  expect(compiled.status, compiled.stderr).toBe(0);
  return join(out, 'shop.pg.sql');
}

function psql(db: TestDatabase, script: string, env: NodeJS.ProcessEnv, ...flags: string[]) {
  // Only what the test passes: a MASQ_SALT in the test's own environment must not leak in.
  const rest = { ...process.env };
  delete rest.MASQ_SALT;
  const r = spawnSync('psql', ['-X', ...flags, db.url, '-f', script], {
    encoding: 'utf8',
    env: { ...rest, ...env },
  });
  return { status: r.status, output: r.stdout + r.stderr };
}

/** Orders: the example spec copies all of them (customers are sampled). */
async function maskedRows(db: TestDatabase): Promise<number> {
  const r = await db.conn.query<{ n: string }>('SELECT count(*)::text AS n FROM masked.orders');
  return Number(r.rows[0]!.n);
}

describeNeeding(NO_SERVER ?? NO_PSQL, 'the psql script keeps the salt to itself', () => {
  it('reads MASQ_SALT from the environment, masks the rows, and prints no form of it under -e, -a, -b or -v', async () => {
    const db = await createTestDatabase('server');
    try {
      await createShop(db.conn, SIZE);
      const script = compile(db, SHOP_SPEC);
      expect(readFileSync(script, 'utf8')).toContain('\n--   psql "$TARGET_URL" -f ');
      const first = psql(db, script, { MASQ_SALT: SALT });
      expect(first.status, first.output).toBe(0);
      expectNoSalt('psql output', first.output);
      expect(await maskedRows(db)).toBe(SIZE.orders);
      // `-v masq_salt=…`, the form scripts used before, still works and prints nothing either.
      for (const flags of [['-e'], ['-a'], ['-b'], ['-v', `masq_salt=${SALT}`]]) {
        const again = psql(db, script, flags[0] === '-v' ? {} : { MASQ_SALT: SALT }, ...flags);
        expect(again.status, again.output).toBe(0);
        expect(again.output).toContain('already complete');
        expectNoSalt(`psql ${flags.join(' ')} output`, again.output);
      }
    } finally {
      await db.dispose();
    }
  });

  it('refuses to run when the salt is unset or empty, saying where it comes from', async () => {
    const db = await createTestDatabase('server');
    try {
      await createShop(db.conn, SIZE);
      const script = compile(db, SHOP_SPEC);
      const unset = psql(db, script, {});
      expect(unset.status).not.toBe(0);
      expect(unset.output).toContain('masq_salt is not set: export MASQ_SALT');
      const empty = psql(db, script, { MASQ_SALT: '' });
      expect(empty.status).not.toBe(0);
      expect(empty.output).toContain('the secret masq_salt (from MASQ_SALT) is empty');
      expect(await db.conn.query("SELECT 1 FROM pg_namespace WHERE nspname = 'masked'")).toEqual(
        expect.objectContaining({ rowCount: 0 }),
      );
    } finally {
      await db.dispose();
    }
  });

  it('reads a salt file itself (a path with a quote in it), and prints nothing of it', async () => {
    const db = await createTestDatabase('server');
    try {
      await createShop(db.conn, SIZE);
      const dir = mkdtempSync(join(tmpdir(), 'masq-psql-file-'));
      const saltFile = join(dir, "it's the salt");
      writeFileSync(saltFile, SALT + '\n');
      const spec = join(dir, 'shop.masq');
      writeFileSync(
        spec,
        readFileSync(SHOP_SPEC, 'utf8').replace(
          'salt env(MASQ_SALT)',
          `salt file(${JSON.stringify(saltFile)})`,
        ),
      );
      const script = compile(db, spec);
      const run = psql(db, script, {});
      expect(run.status, run.output).toBe(0);
      expectNoSalt('psql output', run.output);
      expect(await maskedRows(db)).toBe(SIZE.orders);
      // The file's content, its newline dropped, is the salt: device_id is SHA-256 of it ‖ value.
      const check = await db.conn.query<{ same: boolean }>(
        `SELECT bool_and(m.device_id IS NOT DISTINCT FROM encode(sha256(convert_to('${SALT}' || s.device_id, 'UTF8')), 'hex')) AS same
         FROM masked.customers m JOIN public.customers s USING (id)`,
      );
      expect(check.rows[0]?.same).toBe(true);
    } finally {
      await db.dispose();
    }
  });
});
