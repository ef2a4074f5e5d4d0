import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCopyLine, parseCopyLine } from '../../bench/copy-text.js';
import { compileRowMasker } from '../../bench/js-masker.js';
import { saltedPortableHash } from '../../bench/keyed-hash.js';
import { seededTextHash } from '../../bench/lookup3.js';
import { md5Head } from '../../bench/md5.js';
import { inetOut } from '../../bench/pg-inet.js';
import { analyze } from '../../src/analyze/index.js';
import { introspect } from '../../src/catalog/introspect.js';
import type { Connection } from '../../src/db/connection.js';
import { openPglite } from '../../src/db/pglite.js';
import { createShop } from '../../src/demo/shop-data.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import { ident } from '../../src/emit/postgres/quote.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import { hashTextExtended } from '../../src/hash/fast-hash.js';
import { portableHash } from '../../src/hash/portable-hash.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import type { HashMode, Plan, TablePlan } from '../../src/ir/plan.js';
import { SHOP_SPEC } from '../support/shop.js';
import { createEdgeTable, edgeSpec } from './edge-table.js';

const SECRETS = ['js-masker salt', 'another salt ✓'];
const AWKWARD = ['', 'a\\b', 'tab\there', 'nl\ncr\r', '\b\f\v', '\\N', 'Zoë 東京 😀', '\u0001'];

describe('COPY text lines', () => {
  it('round-trips every value, NULL and the string \\N apart', () => {
    const values = [...AWKWARD, null];
    const line = formatCopyLine(values);
    expect(line).not.toMatch(/[\n\r]/);
    expect(parseCopyLine(line)).toEqual(values);
    expect(parseCopyLine(`${line}\n`)).toEqual(values);
  });

  it('escapes as COPY TO writes', () => {
    expect(formatCopyLine(['a\\b', 'x\ty', '\b\f\n\r\v', null, ''])).toBe(
      'a\\\\b\tx\\ty\t\\b\\f\\n\\r\\v\t\\N\t',
    );
  });

  it('reads the escapes only COPY FROM accepts: octal, hex, escaped delimiter, stray backslash', () => {
    expect(parseCopyLine('\\101\\x42\\103\t\\303\\251\t\\xc3\\xa9t\t\\q\\\tb\t\\N\t\\')).toEqual([
      'ABC',
      'é',
      'ét',
      'q\tb',
      null,
      '',
    ]);
  });
});

describe('the bench hashes', () => {
  it('equal hashTextExtended for every length around the 12-byte blocks and any seed', () => {
    for (const seed of [0n, 1n, -1n, -6515402848123545234n, 9223372036854775807n]) {
      const hash = seededTextHash(seed);
      for (let length = 0; length < 40; length++) {
        const text = 'aé東😀-'.repeat(8).slice(0, length);
        expect(hash(text), `${seed} ${text}`).toBe(hashTextExtended(text, seed));
      }
      expect(hash('x'.repeat(5000))).toBe(hashTextExtended('x'.repeat(5000), seed));
    }
  });

  it('digests with an MD5 equal to node:crypto at every length around the block sizes', () => {
    for (let length = 0; length < 200; length++) {
      const bytes = Buffer.alloc(length + 72);
      for (let i = 0; i < length; i++) bytes[i] = (i * 151 + length) & 255;
      const want = createHash('md5').update(bytes.subarray(0, length)).digest();
      expect(md5Head(bytes, length), `length ${length}`).toEqual([
        want.readInt32LE(0),
        want.readInt32LE(4),
      ]);
    }
  });

  it('equals portableHash(salt ‖ text), short, long and non-ASCII texts alike', () => {
    const texts = [...AWKWARD, 'x'.repeat(5000), '東'.repeat(3000), 'a', '', '😀'.repeat(10)];
    for (const salt of ['', 's', 'Zoë ✓'.repeat(50)]) {
      const hash = saltedPortableHash(salt);
      for (const text of texts) expect(hash(text), text).toBe(portableHash(salt + text));
    }
  });
});

describe('compileRowMasker reproduces masq row for row on PGlite', () => {
  let conn: Connection;

  beforeAll(async () => {
    conn = await openPglite('pglite:memory');
    await createShop(conn, { customers: 1500, orders: 2000 });
    await conn.exec(`
      INSERT INTO public.customers
        (id, username, email, full_name, phone, ssn, salary, birth_date, device_id, notes, country, created_at)
      VALUES
        (9001, 'Zoë_東京', 'zoë@例え.jp', 'Zoë 東京 😀', '12', 'ab', -1234.56, '0044-03-15 BC', '', '', 'Ísland', '2024-02-29 23:59:59.123456+00'),
        (9002, '', '', '', '', '', 0, NULL, NULL, NULL, '', '1999-12-31 00:00:00+00'),
        (9003, E'tab\\tuser', 'x@y', E'back\\\\slash', NULL, NULL, NULL, '2024-02-29', E'multi\\nline', E'\\\\N', 'Ω', '0001-01-01 00:00:00+00 BC'),
        (9004, 'a', NULL, 'b', '1234', '123-45-6789', -0.01, '1970-01-01', 'd', NULL, 'c', '2020-06-30 12:00:00+00');
      INSERT INTO public.orders (id, card_number, amount) VALUES (9001, '', 0), (9002, '4111', 99999.99);
    `);
    await createEdgeTable(conn, 400);
  });
  afterAll(() => conn?.close());

  it('reads and writes COPY text as PostgreSQL does', async () => {
    await conn.exec('CREATE TABLE public.copied (i int, v text)');
    const line = formatCopyLine(['1', AWKWARD.join('|')]);
    await conn.copyIn(`COPY public.copied FROM '/dev/blob'`, Buffer.from(`${line}\n2\t\\N\n`));
    const out = await copyLines(conn, 'SELECT * FROM public.copied ORDER BY i');
    expect(out).toEqual([line, '2\t\\N']);
    expect(parseCopyLine(out[0]!)).toEqual(['1', AWKWARD.join('|')]);
  });

  for (const mode of ['portable', 'fast'] as const)
    it(`${mode} hash: every row of shop customers and orders and every edge case`, async () => {
      const plan = await compile(conn, spec(mode));
      expect(plan.tables.map((t) => t.name)).toEqual(['customers', 'orders', 'edge']);
      await runPostgres(buildProgram(plan), { source: conn, target: conn, secrets: SECRETS });
      for (const table of plan.tables) {
        const { rows, mismatches } = await compare(conn, plan, table);
        expect(mismatches, table.name).toEqual([]);
        expect(rows, table.name).toBeGreaterThan(table.name === 'edge' ? 399 : 1500);
      }
    });

  it('prints inet like PostgreSQL for every dictionary address and the shorthand cases', async () => {
    const plan = await compile(conn, spec('portable'));
    const addresses = [
      ...plan.dictionaries.ipv4!,
      ...plan.dictionaries.ipv6!,
      ...['::', '::1', '::2', '1::', '::ffff:1.2.3.4', '0:0:0:0:0:0:1.2.3.4', '1:0:0:2:0:0:0:3'],
      ...['fe80:0:0:0:1:0:0:0', '2001:DB8:0:0:1:0:0:1', '1:0:2:3:4:5:6:7', '0:0:1::'],
    ];
    const r = await conn.query<{ v: string }>(
      'SELECT x::inet::text AS v FROM unnest($1::text[]) WITH ORDINALITY AS u(x, i) ORDER BY i',
      [addresses],
    );
    const pg = r.rows.map((row) => row.v.replace(/\/(32|128)$/, ''));
    expect(addresses.map(inetOut)).toEqual(pg);
  });

  it('refuses what it cannot reproduce instead of guessing', async () => {
    await conn.exec('CREATE TABLE public.floats (id int PRIMARY KEY, f double precision)');
    const plan = await compile(
      conn,
      [
        'source postgres env(SOURCE_URL) schema public',
        'salt env(MASQ_SALT)',
        'table floats { key id  f perturb(pct: 5) }',
        'table orders { key id  card_number keep  amount keep  sample 50% }',
      ].join('\n'),
    );
    expect(() => compileRowMasker(plan, plan.tables[0]!, SECRETS)).toThrow(
      /unsupported.*float8|unsupported.*double/,
    );
    expect(() => compileRowMasker(plan, plan.tables[1]!, SECRETS)).toThrow(/unsupported: .*sample/);
    expect(() => compileRowMasker(plan, plan.tables[1]!, [])).toThrow(/secret/);
  });
});

/** The shop example without its sample and filter, into its own target schema, plus `edge`. */
function spec(mode: HashMode): string {
  const shop = readFileSync(SHOP_SPEC, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(sample|where)\b/.test(line))
    .map((line) =>
      line.replace(
        /^target postgres (.*) schema masked$/,
        `target postgres $1 schema masked_${mode}`,
      ),
    )
    .join('\n');
  expect(shop).toContain(`schema masked_${mode}`);
  return `hash ${mode}\n${shop}\n${edgeSpec()}`;
}

async function compile(conn: Connection, text: string): Promise<Plan> {
  const parsed = parseMasq(text, 'js-masker.masq');
  const analyzed = parsed.spec
    ? analyze(parsed.spec, await introspect(conn, 'public'), 'js-masker')
    : { diagnostics: [] };
  const diagnostics = [...parsed.diagnostics, ...analyzed.diagnostics];
  if (!analyzed.plan || hasErrors(diagnostics))
    throw new Error(`spec rejected: ${diagnostics.map((d) => d.message).join('; ')}`);
  return analyzed.plan;
}

/**
 * COPYs the source table out, masks each line with the JS masker, and compares it with the
 * target's line for the same key: returns the row count and the differing values.
 */
async function compare(conn: Connection, plan: Plan, table: TablePlan) {
  if (table.key.kind !== 'columns') throw new Error('keyed tables only');
  const order = table.key.columns.map((c) => ident(c.name)).join(', ');
  const names = table.columns.map((c) => ident(c.name));
  // Generated columns are recomputed by the target; the masker gives NULL for them.
  const targetNames = table.columns.map((c) => (c.generated ? 'NULL' : ident(c.name)));
  await conn.exec(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'`);
  const source = await copyLines(
    conn,
    `SELECT ${names} FROM public.${ident(table.name)} ORDER BY ${order}`,
  );
  const target = await copyLines(
    conn,
    `SELECT ${targetNames} FROM ${ident(plan.target.schema)}.${ident(table.name)} ORDER BY ${order}`,
  );
  expect(target.length).toBe(source.length);
  const mask = compileRowMasker(plan, table, SECRETS);
  const mismatches: string[] = [];
  source.forEach((line, i) => {
    const input = parseCopyLine(line);
    const got = mask(input);
    const want = parseCopyLine(target[i]!);
    if (formatCopyLine(got) === target[i]) return;
    table.columns.forEach((c, j) => {
      if (got[j] !== want[j] && mismatches.length < 20)
        mismatches.push(
          `${table.name}.${c.name} (${c.type}, ${c.rule.strategy}) of ${JSON.stringify(input[j])}: masq ${JSON.stringify(want[j])}, js ${JSON.stringify(got[j])}`,
        );
    });
  });
  return { rows: source.length, mismatches };
}

async function copyLines(conn: Connection, select: string): Promise<string[]> {
  const text = (await conn.copyOut(`COPY (${select}) TO ${conn.copyEndpoint.to}`)).toString('utf8');
  return text === '' ? [] : text.slice(0, -1).split('\n');
}
