import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createShop } from '../../src/demo/shop-data.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import type { Plan } from '../../src/ir/plan.js';
import { masq, NO_PSQL } from '../support/cli.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { describeNeeding, NO_SERVER } from '../support/engines.js';
import { compileShop, SALT, SHOP_SIZE, SHOP_SPEC } from '../support/shop.js';

/**
 * The psql script's loop keeps the progress protocol of masq run: progress belongs to its
 * target table (a dropped table is filled again) and to its secrets (another salt is refused),
 * with the same fingerprint masq run records.
 */
describeNeeding(NO_SERVER ?? NO_PSQL, 'the psql script resumes truthfully', () => {
  let db: TestDatabase;
  let plan: Plan;
  let script: string;
  const ref = (salt: string) => `ref_${salt.replace(/\W/g, '_')}`;

  beforeAll(async () => {
    db = await createTestDatabase('server');
    await createShop(db.conn, SHOP_SIZE);
    plan = await compileShop(db.conn);
    for (const salt of [SALT, 'another-salt'])
      await runPostgres(buildProgram({ ...plan, target: { ...plan.target, schema: ref(salt) } }), {
        source: db.conn,
        target: db.conn,
        secrets: [salt],
      });
    const out = mkdtempSync(join(tmpdir(), 'masq-psql-'));
    const compiled = masq(['compile', SHOP_SPEC, '--source', db.url, '--out', out]);
    expect(compiled.status, compiled.stderr).toBe(0);
    script = join(out, 'shop.pg.sql');
  });
  afterAll(() => db?.dispose());

  const psql = (salt: string) =>
    spawnSync('psql', ['-q', db.url, '-v', `masq_salt=${salt}`, '-f', script], {
      encoding: 'utf8',
      env: { ...process.env, MASQ_SALT: salt },
    });
  const expectTarget = async (salt: string) => {
    for (const t of ['customers', 'orders'])
      expect(await tableDigest(db.conn, `masked.${t}`)).toBe(
        await tableDigest(db.conn, `${ref(salt)}.${t}`),
      );
  };

  it('fills a dropped table again instead of calling it complete', async () => {
    await db.conn.exec('DROP SCHEMA IF EXISTS masked CASCADE');
    expect(psql(SALT).status).toBe(0);
    await db.conn.exec('DROP TABLE masked.orders');
    const again = psql(SALT);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('orders: the target table was dropped or re-created');
    await expectTarget(SALT);
  });

  it('refuses another salt; its advice starts over; masq run and the script agree on the fingerprint', async () => {
    await db.conn.exec('DROP SCHEMA IF EXISTS masked CASCADE');
    expect(psql(SALT).status).toBe(0);
    const skipped = masq(['run', SHOP_SPEC, '--source', db.url, '--target', db.url], {
      MASQ_SALT: SALT,
    });
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(skipped.stderr).toContain('orders: already complete');
    const refused = psql('another-salt');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('was filled under other secrets');
    expect(refused.stderr).not.toContain('another-salt');
    const advice = /\((DROP TABLE [^;]*;)\)/.exec(refused.stderr)?.[1];
    expect(advice, refused.stderr).toBeDefined();
    await db.conn.exec(advice!);
    const again = psql('another-salt');
    expect(again.status, again.stderr).toBe(0);
    await expectTarget('another-salt');
    const byMasq = masq(['run', SHOP_SPEC, '--source', db.url, '--target', db.url], {
      MASQ_SALT: SALT,
    });
    expect(byMasq.status).toBe(2);
    expect(byMasq.stderr).toContain('was filled under other secrets');
  });
});
