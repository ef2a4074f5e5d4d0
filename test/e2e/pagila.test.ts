import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import type { AnalyzeResult } from '../../src/analyze/index.js';
import { introspect } from '../../src/catalog/introspect.js';
import type { Connection } from '../../src/db/connection.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { buildProgram } from '../../src/emit/postgres/program.js';
import type { PgProgram } from '../../src/emit/postgres/program.js';
import { checkDrift } from '../../src/exec/check-drift.js';
import { runPostgres } from '../../src/exec/run-postgres.js';
import type { RunSummary } from '../../src/exec/progress.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import { describeNeeding, ENGINES } from '../support/engines.js';
import { createTestDatabase, tableDigest } from '../support/databases.js';
import type { TestDatabase } from '../support/databases.js';
import { loadPagila, NO_PAGILA, PAGILA_TABLES } from '../support/pagila.js';

/**
 * The Pagila sample database, a schema masq did not grow up with: 15 tables under foreign keys,
 * payment partitioned by month, domains (one with a non-ASCII name), an enum, a tsvector, a
 * generated column, arrays and bytea. Every table is listed; only personal columns are masked.
 */
const SPEC = `
source postgres env(SOURCE_URL) schema public
target postgres env(TARGET_URL) schema masked
# Small batches, so payment's composite key (payment_date, payment_id) bounds batches across partitions.
batch 50
default keep

table actor    { first_name substitute(first_name)  last_name substitute(last_name) }
table address  {
  address      substitute(street_address)
  address2     nullify
  postal_code  substitute(postcode)
  phone        redact(keep_last: 4)
}
table category { }
table city     { }
table country  { }
table customer {
  first_name     substitute(first_name)
  last_name      substitute(last_name)
  email          substitute(email) unique
  loyalty_points perturb(pct: 10)
}
table film          { }
table film_actor    { }
table film_category { }
table inventory     { }
table language      { }
table payment       { amount perturb(pct: 5) }
table rental        { }
table staff {
  first_name substitute(first_name)
  last_name  substitute(last_name)
  email      substitute(email)
  username   substitute(username)
  password   nullify
  picture    nullify
}
table store { }
`;

const SALT = 'pagila-e2e-salt';

/** Parses a spec and resolves it against the loaded schema `public`, as `masq compile` does. */
async function compile(conn: Connection, text: string): Promise<AnalyzeResult> {
  const parsed = parseMasq(text, 'pagila.masq');
  expect(parsed.diagnostics).toEqual([]);
  return analyze(parsed.spec!, await introspect(conn, 'public'), 'pagila');
}

describeNeeding(NO_PAGILA, 'pagila', () => {
  for (const engine of ENGINES) {
    describe(`masking pagila, on ${engine.name}`, () => {
      let db: TestDatabase;
      let program: PgProgram;
      let firstRun: RunSummary;
      const run = () => runPostgres(program, { source: db.conn, target: db.conn, secrets: [SALT] });
      const number = async (sql: string) =>
        Number((await db.conn.query<{ n: string }>(`SELECT (${sql})::text AS n`)).rows[0]!.n);

      beforeAll(async () => {
        db = await createTestDatabase(engine.name);
        await loadPagila(db.conn);
        const { plan, diagnostics } = await compile(db.conn, SPEC);
        if (!plan || hasErrors(diagnostics))
          throw new Error(formatDiagnostics(diagnostics, new Map([['pagila.masq', SPEC]])));
        program = buildProgram(plan);
        firstRun = await run();
      });
      afterAll(() => db?.dispose());

      it('plans every base table, payment once through its parent and none of its partitions', async () => {
        const partitions = await number(
          "SELECT count(*) FROM pg_inherits WHERE inhparent = 'public.payment'::regclass",
        );
        expect(partitions).toBe(55);
        const snapshot = await introspect(db.conn, 'public');
        expect(snapshot.tables.map((t) => t.name).sort()).toEqual([...PAGILA_TABLES]);
        expect(snapshot.tables.find((t) => t.name === 'payment')?.partitioned).toBe(true);
        expect(firstRun.tables.map((t) => t.table).sort()).toEqual([...PAGILA_TABLES]);
      });

      it('copies every row of every table, payment from all its partitions into one plain table', async () => {
        for (const table of PAGILA_TABLES) {
          const source = await number(`SELECT count(*) FROM public.${table}`);
          expect(source, table).toBeGreaterThan(0);
          expect(await number(`SELECT count(*) FROM masked.${table}`), table).toBe(source);
        }
        // The data set spreads payments over every monthly partition.
        expect(await number('SELECT count(DISTINCT tableoid) FROM public.payment')).toBe(55);
        const keys = (schema: string) =>
          tableDigest(
            db.conn,
            `(SELECT payment_id, payment_date FROM ${schema}.payment)`,
            'payment_id',
          );
        expect(await keys('masked')).toBe(await keys('public'));
        expect(
          await number(
            "SELECT count(*) FROM pg_class WHERE oid = 'masked.payment'::regclass AND relkind = 'r'",
          ),
        ).toBe(1);
      });

      it('keeps every column type: the domains, the enum, the tsvector, the arrays', async () => {
        const types = async (schema: string) =>
          (
            await db.conn.query<{ col: string; type: string; not_null: boolean }>(
              `SELECT c.relname || '.' || a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type,
                        a.attnotnull AS not_null
                 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                 WHERE c.relnamespace = $1::regnamespace AND c.relname = ANY($2)
                   AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY c.relname, a.attnum`,
              [schema, PAGILA_TABLES],
            )
          ).rows;
        const source = await types('public');
        expect(await types('masked')).toEqual(source);
        // Not a vacuous comparison: the hard types are among the columns compared.
        const typeOf = new Map(source.map((r) => [r.col, r.type]));
        expect(typeOf.get('film.release_year')).toBe('year');
        expect(typeOf.get('film.rating')).toBe('mpaa_rating');
        expect(typeOf.get('film.fulltext')).toBe('tsvector');
        expect(typeOf.get('film.special_features')).toBe('text[]');
        expect(typeOf.get('customer.loyalty_points')).toBe('"bıgınt"');
      });

      it('leaves no customer email, staff email or address phone of the source in the target', async () => {
        for (const [table, column] of [
          ['customer', 'email'],
          ['staff', 'email'],
          ['address', 'phone'],
        ] as const) {
          const leaked = await number(
            `SELECT count(*) FROM masked.${table} m JOIN public.${table} p ON p.${column} = m.${column}`,
          );
          expect(leaked, `${table}.${column}`).toBe(0);
          // Masked, not emptied: as many values as the source has.
          expect(await number(`SELECT count(${column}) FROM masked.${table}`)).toBe(
            await number(`SELECT count(${column}) FROM public.${table}`),
          );
        }
        const phones = await db.conn.query<{ m: string; p: string }>(
          'SELECT m.phone AS m, p.phone AS p FROM masked.address m JOIN public.address p USING (address_id)',
        );
        for (const { m, p } of phones.rows) expect(m).toBe('*'.repeat(p.length - 4) + p.slice(-4));
        expect(
          await number(
            'SELECT count(*) FROM masked.staff WHERE password IS NOT NULL OR picture IS NOT NULL',
          ),
        ).toBe(0);
        expect(await number('SELECT count(*) FROM masked.address WHERE address2 IS NOT NULL')).toBe(
          0,
        );
      });

      it('substitutes names and street addresses from the dictionaries', async () => {
        // A fake value may equal the real one only when the real one is itself a dictionary entry.
        for (const [table, column, field] of [
          ['customer', 'first_name', 'first_name'],
          ['customer', 'last_name', 'last_name'],
          ['staff', 'username', 'username'],
          ['address', 'address', 'street_address'],
        ] as const) {
          const dictionary = program.plan.dictionaries[field]!;
          const rows = await db.conn.query<{ m: string; p: string }>(
            `SELECT m.${column} AS m, p.${column} AS p FROM masked.${table} m JOIN public.${table} p USING (${table}_id)`,
          );
          for (const { m, p } of rows.rows) {
            expect(dictionary, `${table}.${column}`).toContain(m);
            if (m === p) expect(dictionary).toContain(p);
          }
        }
      });

      it('gives every customer a distinct masked email at a reserved domain', async () => {
        const emails = (
          await db.conn.query<{ email: string }>(
            'SELECT email FROM masked.customer WHERE email IS NOT NULL',
          )
        ).rows.map((r) => r.email);
        expect(emails.length).toBe(
          await number('SELECT count(DISTINCT email) FROM public.customer'),
        );
        expect(new Set(emails).size).toBe(emails.length);
        for (const email of emails)
          expect(email).toMatch(/\.[0-9a-hjkmnp-tv-z]{12}@example\.(com|org|net)$/);
      });

      it('keeps the keys, so the masked tables join as the source tables do', async () => {
        const joins = [
          'rental r JOIN {s}.customer c USING (customer_id)',
          'payment p JOIN {s}.rental r USING (rental_id) JOIN {s}.inventory i USING (inventory_id) JOIN {s}.film f USING (film_id)',
          'customer c JOIN {s}.address a USING (address_id) JOIN {s}.city USING (city_id) JOIN {s}.country USING (country_id)',
          'film_actor fa JOIN {s}.actor USING (actor_id) JOIN {s}.film_category fc USING (film_id) JOIN {s}.category USING (category_id)',
          'staff st JOIN {s}.store s ON s.manager_staff_id = st.staff_id JOIN {s}.address a ON a.address_id = s.address_id',
        ];
        for (const join of joins) {
          const count = (schema: string) =>
            number(`SELECT count(*) FROM ${schema}.${join.replaceAll('{s}', schema)}`);
          const source = await count('public');
          expect(source, join).toBeGreaterThan(0);
          expect(await count('masked'), join).toBe(source);
        }
      });

      it('perturbs payment amounts and loyalty points within their bounds, in their types', async () => {
        const amounts = await db.conn.query<{ m: string; p: string }>(
          `SELECT m.amount::text AS m, p.amount::text AS p
             FROM masked.payment m JOIN public.payment p USING (payment_id, payment_date)`,
        );
        expect(amounts.rows.length).toBe(await number('SELECT count(*) FROM public.payment'));
        let moved = 0;
        for (const { m, p } of amounts.rows) {
          expect(m).toMatch(/^\d+\.\d\d$/);
          // The shift is at most 5 % of the amount, rounded to the column's two decimals.
          expect(Math.abs(Number(m) - Number(p))).toBeLessThanOrEqual(Number(p) * 0.05 + 0.005);
          if (m !== p) moved++;
        }
        expect(moved).toBeGreaterThan(amounts.rows.length / 2);
        const points = await db.conn.query<{ m: string; p: string }>(
          `SELECT m.loyalty_points::text AS m, p.loyalty_points::text AS p
             FROM masked.customer m JOIN public.customer p USING (customer_id)`,
        );
        for (const { m, p } of points.rows) {
          const [masked, source] = [BigInt(m), BigInt(p)];
          const shift = masked > source ? masked - source : source - masked;
          expect(shift * 10n).toBeLessThanOrEqual(source + 10n);
        }
      });

      it('copies the tsvector, the enum, the domain and the arrays unchanged, and recomputes the generated column', async () => {
        const films = (schema: string) =>
          tableDigest(
            db.conn,
            `(SELECT film_id, title, release_year, rating, special_features, fulltext, length, length_hours FROM ${schema}.film)`,
            'film_id',
          );
        expect(await films('masked')).toBe(await films('public'));
        const generated = await db.conn.query<{ d: string }>(
          "SELECT attgenerated AS d FROM pg_attribute WHERE attrelid = 'masked.film'::regclass AND attname = 'length_hours'",
        );
        expect(generated.rows[0]!.d).toBe('s');
      });

      it("gives payment its own sequence in masked, past the copied ids, and leaves public's alone", async () => {
        const sourceNext = await number('SELECT last_value FROM public.payment_payment_id_seq');
        const defaultExpr = await db.conn.query<{ d: string }>(
          `SELECT pg_get_expr(d.adbin, d.adrelid) AS d FROM pg_attrdef d
             JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
             WHERE d.adrelid = 'masked.payment'::regclass AND a.attname = 'payment_id'`,
        );
        expect(defaultExpr.rows[0]!.d).toContain('masked.payment_payment_id_seq');
        expect(await number("SELECT nextval('masked.payment_payment_id_seq')")).toBe(
          (await number('SELECT max(payment_id) FROM masked.payment')) + 1,
        );
        expect(await number('SELECT last_value FROM public.payment_payment_id_seq')).toBe(
          sourceNext,
        );
      });

      it('adds nothing when the same plan runs again', async () => {
        const digests = async () => {
          const all: string[] = [];
          for (const table of PAGILA_TABLES)
            all.push(await tableDigest(db.conn, `masked.${table}`, 't::text'));
          return all;
        };
        const before = await digests();
        // As `masq run PLAN` does first: the plan still matches the schema it was compiled for.
        await expect(checkDrift(program.plan, db.conn)).resolves.toBeUndefined();
        const again = await run();
        expect(again.tables.filter((t) => !t.skipped)).toEqual([]);
        expect(again.rows).toBe(firstRun.rows);
        expect(await digests()).toEqual(before);
      });

      it('warns of no partition when every table is listed, and of payment, not its partitions, when it is not', async () => {
        expect((await compile(db.conn, SPEC)).diagnostics).toEqual([]);
        const withoutPayment = SPEC.replace('table payment       { amount perturb(pct: 5) }', '');
        const { plan, diagnostics } = await compile(db.conn, withoutPayment);
        expect(plan).toBeDefined();
        expect(diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
          [
            'warning',
            'MASQ070',
            expect.stringMatching(/^table payment of schema public is not listed in the spec/),
          ],
        ]);
      });

      it("refuses rules that do not fit pagila's column types, naming the column (MASQ021)", async () => {
        const { plan, diagnostics } = await compile(
          db.conn,
          `default keep
skip other tables
table staff { picture hash_salt }
table film  { release_year perturb(days: 30)  rating redact }
`,
        );
        expect(plan).toBeUndefined();
        expect(diagnostics.map((d) => [d.code, d.span?.line])).toEqual([
          ['MASQ021', 3],
          ['MASQ021', 4],
          ['MASQ021', 4],
        ]);
        expect(diagnostics.map((d) => d.message)).toEqual([
          expect.stringContaining('"picture" is bytea'),
          expect.stringContaining('"release_year" is public.year'),
          expect.stringContaining('"rating" is public.mpaa_rating'),
        ]);
      });
    });
  }
});
