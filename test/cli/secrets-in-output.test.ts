import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite.js';
import { createShop } from '../../src/demo/shop-data.js';
import { masq } from '../support/cli.js';

/**
 * Whatever fails, masq's output holds no secret. The database is made to put the salt into its
 * own error texts, as a predicate or trigger reading current_setting('masq.salt') would: masq
 * must print the error, scrubbed.
 */
const SALT = 'SALT-canary-b41d7e';
const SEEN_AS = [SALT, Buffer.from(SALT).toString('hex'), Buffer.from(SALT).toString('base64')];

function expectNoSecret(text: string, secrets: readonly string[] = SEEN_AS): void {
  for (const form of secrets) expect(text, `${form} printed`).not.toContain(form);
}

/** An event trigger that fails every DDL statement with the session's salt in the message. */
const FAIL_DDL = `
CREATE FUNCTION leak_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'refused under %', current_setting('masq.salt', true); END $$;
CREATE EVENT TRIGGER leak_ddl ON ddl_command_end EXECUTE FUNCTION leak_ddl();`;

/** Arms every table masq creates in masked with a row trigger that fails with the salt. */
const FAIL_ROWS = `
CREATE FUNCTION leak_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'row refused under %', current_setting('masq.salt', true); END $$;
CREATE FUNCTION arm() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT * FROM pg_event_trigger_ddl_commands()
           WHERE command_tag = 'CREATE TABLE' AND schema_name = 'masked' LOOP
    EXECUTE format('CREATE TRIGGER leak BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION leak_row()', r.object_identity);
  END LOOP;
END $$;
CREATE EVENT TRIGGER arm ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION arm();`;

async function shopWith(sql: string): Promise<string> {
  const url = `pglite://${join(mkdtempSync(join(tmpdir(), 'masq-leak-')), 'db')}`;
  const conn = await openPglite(url);
  await createShop(conn, { customers: 50, orders: 100 });
  await conn.exec(sql);
  await conn.close();
  return url;
}

const run = (url: string) =>
  masq(['run', 'configs/examples/shop.masq', '--source', url, '--target', url, '--json'], {
    MASQ_SALT: SALT,
  });

describe('secrets in what masq prints', () => {
  let ddlUrl: string;
  let rowsUrl: string;
  beforeAll(async () => {
    [ddlUrl, rowsUrl] = await Promise.all([shopWith(FAIL_DDL), shopWith(FAIL_ROWS)]);
  });

  it('a database error quoting the salt while masq prepares the target is printed scrubbed', () => {
    const r = run(ddlUrl);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refused under ***');
    expectNoSecret(r.stderr);
    expectNoSecret(r.stdout);
  });

  it('a batch failing with the salt in its error text is reported scrubbed, --json included', () => {
    const r = run(rowsUrl);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('row refused under ***');
    expect(r.stderr).toContain('copying table customers failed');
    expectNoSecret(r.stderr);
    expectNoSecret(r.stdout);
  });

  it('a password in a spec is not quoted back in the diagnostic that refuses it', () => {
    const r = masq([
      'check',
      'test/cases/url-password/input.masq',
      '--schema',
      'test/cases/url-password/schema.json',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('MASQ030');
    expect(r.stderr).toContain('postgres://app:***@db.example:5432/shop');
    expectNoSecret(r.stderr, ['s3cret', 'p%40ss', 'p@ss']);
  });

  it.each([
    [
      'a password with @ and an empty user',
      'postgresql://:pw@Zq9x@127.0.0.1:1/db',
      ['pw@Zq9x', 'Zq9x'],
    ],
    ['?password=', 'postgres://u@127.0.0.1:1/db?password=Zq9y', ['Zq9y']],
    [
      'a percent-encoded password',
      'postgres://u:pw%40Zq9z@127.0.0.1:1/db',
      ['pw%40Zq9z', 'pw@Zq9z'],
    ],
    ['a libpq key=value string', 'host=127.0.0.1 password=Zq9w dbname=db', ['Zq9w']],
  ])('a connection that fails never prints its password: %s', (_, url, secrets) => {
    for (const args of [
      ['run', 'configs/examples/shop.masq', '--source', url, '--target', url],
      ['schema', '--source', url],
    ]) {
      const r = masq(args, { MASQ_SALT: SALT });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/cannot connect|unsupported connection URL|ECONNREFUSED/);
      expectNoSecret(r.stderr + r.stdout, secrets);
    }
  });
});
