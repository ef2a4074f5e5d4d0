import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite.js';
import { createShop } from '../../src/demo/shop-data.js';
import { masq } from '../support/cli.js';

/**
 * A CI gate can trust `masq check --strict`: a table of the source the spec does not list is a
 * warning (MASQ070) that --strict makes fail, and so is having no schema to check against.
 * The source has a view and a partitioned table too: neither the view nor the partition is a
 * table the spec should list.
 */
const dir = mkdtempSync(join(tmpdir(), 'masq-strict-'));
const url = `pglite://${join(dir, 'db')}`;
const schemaFile = join(dir, 'shop.schema.json');
const spec = join(dir, 'orders.masq');
const env = { MASQ_SALT: 'strict-test-salt', SOURCE_URL: '', TARGET_URL: '' };
const UNLISTED = 'warning MASQ070: table customers of schema public is not listed in the spec';

const SPEC = `source postgres env(SOURCE_URL) schema public
target postgres env(TARGET_URL) schema masked
salt env(MASQ_SALT)
default keep

table orders { card_number redact(keep_last: 4) }
table events { }
`;
writeFileSync(spec, SPEC);

beforeAll(async () => {
  const conn = await openPglite(url);
  await createShop(conn, { customers: 20, orders: 50 });
  await conn.exec(`
    CREATE VIEW customer_emails AS SELECT email FROM customers;
    CREATE TABLE events (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
    CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
    INSERT INTO events VALUES (1, '2026-03-01');`);
  await conn.close();
  const dump = masq(['schema', '--source', url], env);
  expect(dump.status, dump.stderr).toBe(0);
  writeFileSync(schemaFile, dump.stdout);
});

describe('masq check', () => {
  it('names the unlisted table in a warning, once, and passes without --strict', () => {
    const r = masq(['check', spec, '--schema', schemaFile], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${spec}:1:1: ${UNLISTED}`);
    expect(r.stderr.match(/MASQ070/g)).toHaveLength(1);
    expect(r.stdout).toBe(`${spec}: ok, 2 tables checked against ${schemaFile}, 1 warning\n`);
  });

  it('fails on the warning with --strict', () => {
    const r = masq(['check', spec, '--schema', schemaFile, '--strict'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(UNLISTED);
    expect(r.stderr).toContain('masq: 1 warning, which --strict makes fail');
    expect(r.stdout).toBe('');
  });

  it('passes --strict once the table is skipped', () => {
    const skipping = join(dir, 'skipping.masq');
    writeFileSync(skipping, `skip table customers\n${SPEC}`);
    const r = masq(['check', skipping, '--source', url, '--strict'], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('without a schema, warns that nothing was checked; --strict fails on it', () => {
    const lenient = masq(['check', spec], env);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toContain(
      'warning MASQ050: no source schema to check against: tables and columns were not checked; set SOURCE_URL, pass --source URL, or pass --schema FILE',
    );
    const strict = masq(['check', spec, '--strict'], env);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('MASQ050: no source schema to check against');
    expect(strict.stdout).toBe('');
  });
});

describe('masq compile', () => {
  it('prints the warning and writes the outputs; with --strict it fails and writes nothing', () => {
    const out = join(dir, 'out');
    const r = masq(['compile', spec, '--schema', schemaFile, '--out', out], env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(UNLISTED);
    expect(existsSync(join(out, 'orders.plan.json'))).toBe(true);
    const strictOut = join(dir, 'strict-out');
    const strict = masq(
      ['compile', spec, '--schema', schemaFile, '--out', strictOut, '--strict'],
      env,
    );
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain(UNLISTED);
    expect(existsSync(strictOut)).toBe(false);
  });
});

describe('masq run', () => {
  it('with --strict copies nothing; without, warns and copies the listed tables', async () => {
    const args = ['run', spec, '--source', url, '--target', url];
    const strict = masq([...args, '--strict'], env);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain(UNLISTED);
    expect(await maskedTables()).toEqual([]);
    const lenient = masq(args, env);
    expect(lenient.status, lenient.stderr).toBe(0);
    expect(lenient.stderr).toContain(UNLISTED);
    // masq's own bookkeeping may sit beside them; the unlisted table is not there.
    const copied = await maskedTables();
    expect(copied).toEqual(expect.arrayContaining(['events', 'orders']));
    expect(copied).not.toContain('customers');
  });
});

async function maskedTables(): Promise<string[]> {
  const conn = await openPglite(url);
  try {
    const r = await conn.query<{ name: string }>(
      "SELECT relname AS name FROM pg_class WHERE relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'masked') AND relkind IN ('r', 'p') AND NOT relispartition ORDER BY 1",
    );
    return r.rows.map((row) => row.name);
  } finally {
    await conn.close();
  }
}
