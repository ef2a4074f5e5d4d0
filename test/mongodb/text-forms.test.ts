import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import type { BsonType } from '../../src/emit/mongodb/text-form.js';
import { dateOnlyText, TEXT_FORMS } from '../../src/emit/mongodb/text-form.js';
import { aggregateInProcess } from '../../src/exec/mongodb/in-process.js';
import { ENGINES } from '../support/engines.js';

/** A value as a document holds it, and the same value as a PostgreSQL literal of its type. */
interface Row {
  readonly bson: unknown;
  readonly sql: string;
}

const at = (iso: string): Row => ({ bson: new Date(iso), sql: `'${iso}'::timestamptz` });

const CASES: readonly { type: BsonType; rows: readonly Row[] }[] = [
  {
    type: 'string',
    rows: ['', 'Zoë 🦄', "it's", '123.40'].map((s) => ({
      bson: s,
      sql: `'${s.replaceAll("'", "''")}'::text`,
    })),
  },
  {
    type: 'int',
    rows: [0, -1, 42, 2 ** 31 - 1, -(2 ** 31)].map((n) => ({ bson: n, sql: `'${n}'::integer` })),
  },
  {
    type: 'long',
    rows: [0n, -1n, 2n ** 31n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n].map((n) => ({
      bson: n,
      sql: `'${n}'::bigint`,
    })),
  },
  { type: 'bool', rows: [true, false].map((b) => ({ bson: b, sql: `${b}::boolean` })) },
  {
    type: 'date',
    rows: [
      at('2024-01-02T03:04:05.678Z'),
      at('2024-01-02T03:04:05.000Z'),
      at('2024-01-02T03:04:05.005Z'),
      at('2024-01-02T03:04:05.050Z'),
      at('2024-01-02T03:04:05.500Z'),
      at('2024-01-02T03:04:05.120Z'),
      at('1970-01-01T00:00:00.000Z'),
      at('1969-12-31T23:59:59.999Z'),
      at('1900-02-28T12:00:00.100Z'),
      at('0999-06-15T00:00:00.010Z'),
      at('2000-02-29T23:59:59.990Z'),
      at('9999-12-31T23:59:59.999Z'),
    ],
  },
  {
    type: 'objectId',
    rows: ['5ab9c3da31c2ab715d421285', '000000000000000000000000', 'ffffffffffffffffffffffff'].map(
      (hex) => ({ bson: new ObjectId(hex), sql: `'${hex}'::text` }),
    ),
  },
  { type: 'null', rows: [{ bson: null, sql: 'NULL::text' }] },
];

/** Each value's text through the BSON type's form, in the in-process engine. */
function mongoTexts(text: (v: string) => unknown, values: readonly unknown[]): unknown[] {
  const docs = values.map((v, i) => ({ _id: i, v }));
  return aggregateInProcess([{ $project: { _id: 0, t: text('$v') } }], docs, {}).map(
    (d) => d.t ?? null,
  );
}

async function postgresTexts(conn: Connection, sqls: readonly string[]): Promise<unknown[]> {
  const select = sqls.map((s, i) => `(${s})::text AS t${i}`).join(', ');
  const row = (await conn.query(`SELECT ${select}`)).rows[0]!;
  return sqls.map((_, i) => row[`t${i}`]);
}

for (const engine of ENGINES)
  describe(`canonical text forms: the in-process pipeline against ${engine.name}'s ::text`, () => {
    let conn: Connection;
    beforeAll(async () => {
      conn = await engine.open();
      // Other settings first, so a form that matches only PostgreSQL's defaults would fail.
      await conn.exec(`SET TimeZone = 'Asia/Kolkata'; SET DateStyle = 'SQL, DMY'`);
      // masq's session settings (program.ts sessionSetupSql).
      await conn.exec(
        `SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1`,
      );
    });
    afterAll(() => conn.close());

    it.each(CASES.map((c) => [c.type, c] as const))(
      '%s: every value gives the text PostgreSQL prints',
      async (type, { rows }) => {
        const form = TEXT_FORMS[type];
        if (!form.supported) throw new Error(`${type} has no text form`);
        const expected = await postgresTexts(
          conn,
          rows.map((r) => r.sql),
        );
        expect(
          mongoTexts(
            form.text,
            rows.map((r) => r.bson),
          ),
        ).toEqual(expected);
      },
    );

    it('a date at midnight UTC gives the text of a PostgreSQL date', async () => {
      const days = ['2024-01-02', '1969-12-31', '1900-02-28', '0999-06-15'];
      const expected = await postgresTexts(
        conn,
        days.map((d) => `'${d}'::date`),
      );
      expect(expected).toEqual(days);
      expect(
        mongoTexts(
          dateOnlyText,
          days.map((d) => new Date(`${d}T00:00:00Z`)),
        ),
      ).toEqual(days);
    });

    it('a missing field and a null date have no text, as NULL has none', () => {
      for (const form of Object.values(TEXT_FORMS))
        if (form.supported) {
          const docs = [{ _id: 1 }, { _id: 2, v: null }];
          const out = aggregateInProcess([{ $project: { _id: 0, t: form.text('$v') } }], docs, {});
          expect(out.map((d) => d.t ?? null)).toEqual([null, null]);
        }
    });

    // Why double and decimal have no form: the texts PostgreSQL prints for them, which no
    // MongoDB text of the same value matches in every row.
    it('double precision and numeric print what the unsupported forms say they do', async () => {
      const doubles = ['0', '-0', '1e21', '1e15', '123456789012345', '0.0001', '0.00001', '0.1'];
      expect(
        await postgresTexts(
          conn,
          doubles.map((d) => `'${d}'::double precision`),
        ),
      ).toEqual(['0', '-0', '1e+21', '1e+15', '123456789012345', '0.0001', '1e-05', '0.1']);
      expect(
        await postgresTexts(conn, [`'123.40'::numeric`, `'1E+3'::numeric`, `'1E-7'::numeric`]),
      ).toEqual(['123.40', '1000', '0.0000001']);
      expect(TEXT_FORMS.double.supported).toBe(false);
      expect(TEXT_FORMS.decimal.supported).toBe(false);
    });
  });
