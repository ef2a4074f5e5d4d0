import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import { loadSnapshotFile } from '../../src/catalog/snapshot-file.js';
import { compileSpec } from '../../src/cli/compile-spec.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { ENGINES } from '../support/engines.js';

const dir = mkdtempSync(join(tmpdir(), 'masq-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shop snapshot the golden cases compile against: valid, as `masq schema` wrote it. */
const SHOP = JSON.parse(readFileSync('test/cases/shop/schema.json', 'utf8')) as {
  tables: Record<string, unknown>[];
};

type Json = Record<string, unknown>;

/** The shop snapshot with one change made to a copy of it, written as `masq schema` writes. */
function hostile(name: string, change: (s: { tables: Json[] }) => void): string {
  const copy = structuredClone(SHOP) as { tables: Json[] };
  change(copy);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(copy, null, 2) + '\n');
  return file;
}

const customers = (s: { tables: Json[] }) => s.tables[0]!;
const column = (s: { tables: Json[] }, i: number) => (customers(s).columns as Json[])[i]!;

/** The printed diagnostics of loading `file`, which must be refused. */
async function refusal(file: string): Promise<string> {
  const { snapshot, diagnostics, text } = await loadSnapshotFile(file);
  expect(snapshot).toBeUndefined();
  expect(diagnostics.length).toBeGreaterThan(0);
  return formatDiagnostics(diagnostics, new Map([[file, text]]));
}

/** The line of the first occurrence of `needle` in `file`, 1-based. */
function lineOf(file: string, needle: string): number {
  const text = readFileSync(file, 'utf8');
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('a hostile --schema FILE is refused, with its JSON path and line', () => {
  const cases: [string, (s: { tables: Json[] }) => void, string, string, string][] = [
    [
      'a type with a second statement',
      (s) => (column(s, 1).type = 'text); DROP TABLE public.canary; CREATE TABLE x (a int'),
      'MASQ062',
      '$.tables[0].columns[1].type',
      'DROP TABLE',
    ],
    [
      'a type ending in a comment',
      (s) => (column(s, 1).type = 'text --'),
      'MASQ062',
      '$.tables[0].columns[1].type',
      'text --',
    ],
    [
      'a default with a second statement',
      (s) => (column(s, 11).default = 'now(); DELETE FROM public.canary; SELECT now()'),
      'MASQ062',
      '$.tables[0].columns[11].default',
      'DELETE FROM',
    ],
    [
      'a default that adds a clause',
      (s) => (column(s, 11).default = 'now() NOT NULL CHECK (false)'),
      'MASQ062',
      '$.tables[0].columns[11].default',
      'CHECK (false)',
    ],
    [
      'a generated expression that closes the column list',
      (s) => {
        delete column(s, 9).default;
        column(s, 9).generated = "'x') STORED, evil int DEFAULT (1";
      },
      'MASQ062',
      '$.tables[0].columns[9].generated',
      'evil int',
    ],
    [
      'a CHECK definition of two statements',
      (s) =>
        (customers(s).constraints as Json[]).push({
          name: 'c',
          kind: 'check',
          definition: 'CHECK (true)); DROP TABLE public.canary; CREATE TABLE y (a int',
        }),
      'MASQ062',
      '$.tables[0].constraints[2].definition',
      'DROP TABLE',
    ],
    [
      'a constraint that is not of its kind',
      (s) => ((customers(s).constraints as Json[])[1]!.definition = 'CHECK (true)'),
      'MASQ062',
      '$.tables[0].constraints[1].definition',
      '"CHECK (true)"',
    ],
    [
      'an index predicate with a second statement',
      (s) =>
        (customers(s).indexes as Json[]).push({
          name: 'i',
          unique: false,
          method: 'btree',
          keys: [
            {
              column: 'email',
              opclass: { schema: 'pg_catalog', name: 'text_ops' },
              descending: false,
              nullsFirst: false,
            },
          ],
          include: [],
          nullsNotDistinct: false,
          predicate: 'email IS NOT NULL); DELETE FROM public.canary; SELECT (true',
        }),
      'MASQ062',
      '$.tables[0].indexes[0].predicate',
      'DELETE FROM',
    ],
    [
      'an index from an older masq, with its USING text',
      (s) =>
        (customers(s).indexes as Json[]).push({
          name: 'i',
          unique: false,
          using: 'btree (email); DROP TABLE public.canary',
        }),
      'MASQ061',
      '$.tables[0].indexes[0].using',
      'masq schema',
    ],
    [
      'a name with a NUL',
      (s) => (column(s, 2).name = 'em\u0000ail'),
      'MASQ061',
      '$.tables[0].columns[2].name',
      'NUL',
    ],
    [
      'a name longer than 63 bytes',
      (s) => (customers(s).name = 'é'.repeat(32)),
      'MASQ061',
      '$.tables[0].name',
      '63 bytes',
    ],
    [
      'a field of the wrong type',
      (s) => (column(s, 3).notNull = 'yes'),
      'MASQ061',
      '$.tables[0].columns[3].notNull',
      'must be true or false',
    ],
    [
      'an unknown category',
      (s) => (column(s, 3).category = 'password'),
      'MASQ061',
      '$.tables[0].columns[3].category',
      'must be one of',
    ],
    [
      'a primary key on a column the table lacks',
      (s) => (customers(s).primaryKey = ['uid']),
      'MASQ061',
      '$.tables[0].primaryKey[0]',
      '"uid"',
    ],
    [
      'a table named twice',
      (s) => (s.tables[1]!.name = 'customers'),
      'MASQ061',
      '$.tables[1].name',
      'a second table',
    ],
    ['tables that are not a list', (s) => (s.tables = {} as never), 'MASQ061', '$.tables', 'array'],
  ];

  for (const [name, change, code, path, detail] of cases) {
    it(name, async () => {
      const file = hostile(name.replaceAll(' ', '-'), change);
      const out = await refusal(file);
      expect(out).toMatch(new RegExp(`^${file}:\\d+:\\d+: error ${code}: \\$`));
      expect(out).toContain(`${path} `);
      expect(out).toContain(detail);
    });
  }

  it('points at the line of the bad field', async () => {
    const file = hostile('line', (s) => (column(s, 4).type = 'varchar(32); SELECT 1'));
    const out = await refusal(file);
    expect(out.split(':').slice(1, 2)).toEqual([String(lineOf(file, 'varchar(32); SELECT 1'))]);
    expect(out).toContain('^');
  });

  it('reports every problem of a file in one run', async () => {
    const file = hostile('several', (s) => {
      column(s, 1).type = 'text;';
      column(s, 2).notNull = 1;
      customers(s).extra = true;
    });
    const out = await refusal(file);
    expect(out).toContain('$.tables[0].columns[1].type');
    expect(out).toContain('$.tables[0].columns[2].notNull');
    expect(out).toContain('$.tables[0].extra unknown field');
  });

  it('refuses a key written twice, which JSON.parse would let the last one win', async () => {
    const file = join(dir, 'twice.json');
    const text = JSON.stringify(SHOP, null, 2).replace(
      '"type": "text"',
      '"type": "text", "type": "text); DROP TABLE x; --"',
    );
    writeFileSync(file, text);
    expect(await refusal(file)).toContain('a key written twice');
  });

  it('refuses text that is not JSON, at the position JSON.parse stopped', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "format": "masq-schema",\n  "version": 1,\n}\n');
    expect(await refusal(file)).toMatch(new RegExp(`^${file}:4:1: error MASQ061: not JSON`));
  });

  it('stops masq check and compile before the spec is analysed: no plan', async () => {
    const file = hostile('compile', (s) => (column(s, 1).type = 'text); DROP TABLE x; --'));
    const result = await compileSpec('test/cases/shop/input.masq', {
      schemaFile: file,
      overrides: {},
      connections: {},
      env: {},
    });
    expect(result.plan).toBeUndefined();
    const out = formatDiagnostics(result.diagnostics, result.sources);
    const line = lineOf(file, 'DROP TABLE x');
    expect(out).toMatch(
      new RegExp(
        `^${file}:${line}:\\d+: error MASQ062: \\$\\.tables\\[0\\]\\.columns\\[1\\]\\.type `,
      ),
    );
  });
});

for (const engine of ENGINES) {
  describe(`what masq schema writes is accepted, on ${engine.name}`, () => {
    it('round-trips a snapshot with serials, identities, checks and every kind of index', async () => {
      const conn = await engine.open();
      try {
        const schema = `snap_${Math.random().toString(16).slice(2, 10)}`;
        await conn.exec(`CREATE SCHEMA ${schema};
          CREATE DOMAIN ${schema}.pct AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
          CREATE TYPE ${schema}.mood AS ENUM ('ok', 'meh');
          CREATE TABLE ${schema}."Odd ""t""" (id serial PRIMARY KEY, n int GENERATED BY DEFAULT AS IDENTITY,
            p ${schema}.pct, m ${schema}.mood DEFAULT 'ok', a text[], t timestamptz(3) DEFAULT now(), note text DEFAULT E'two\\nlines -- not a comment',
            g text GENERATED ALWAYS AS (upper(a[1])) STORED, CONSTRAINT c CHECK (p > 1 OR a IS NULL),
            UNIQUE NULLS NOT DISTINCT (n, t));
          CREATE INDEX ON ${schema}."Odd ""t""" (lower(g) DESC NULLS LAST, id) INCLUDE (p) WHERE g <> ' USING ';
          CREATE INDEX ON ${schema}."Odd ""t""" USING gin (a) WITH (fastupdate = off);`);
        const snapshot = await introspect(conn, schema);
        const file = join(dir, `${engine.name}-roundtrip.json`);
        writeFileSync(file, JSON.stringify(snapshot, null, 2));
        const loaded = await loadSnapshotFile(file);
        expect(formatDiagnostics(loaded.diagnostics, new Map())).toBe('');
        expect(loaded.snapshot).toEqual(snapshot);
      } finally {
        await conn.close();
      }
    });
  });
}
