import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import type { SchemaSnapshot } from '../../src/catalog/snapshot.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import { parseYamlSpec } from '../../src/frontend/yaml/index.js';
import { at } from '../support/text-position.js';

/** customers, orders and two more tables nobody masks. */
const SHOP = JSON.parse(readFileSync('test/cases/shop/schema.json', 'utf8')) as SchemaSnapshot;
const orders = SHOP.tables.find((t) => t.name === 'orders')!;
const SCHEMA: SchemaSnapshot = {
  ...SHOP,
  tables: [...SHOP.tables, { ...orders, name: 'audit_log' }, { ...orders, name: 'sessions' }],
};

function check(
  text: string,
  file = 'spec.masq',
): { diagnostics: Diagnostic[]; planned?: string[] } {
  const parsed = file.endsWith('.masq') ? parseMasq(text, file) : parseYamlSpec(text, file);
  expect(parsed.diagnostics).toEqual([]);
  const result = analyze(parsed.spec!, SCHEMA, 'spec');
  return {
    diagnostics: [...result.diagnostics],
    ...(result.plan ? { planned: result.plan.tables.map((t) => t.name) } : {}),
  };
}

const summary = (ds: readonly Diagnostic[]) =>
  ds.map((d) => [d.severity, d.code, d.span?.line, d.span?.column, d.message]);

const SOURCE = 'source postgres env(SOURCE_URL) schema public\n';
const CUSTOMERS = 'table customers { key id  email substitute(email) unique }\n';
const DEFAULT = 'default keep\n';

describe('a table of the source the spec does not list is a warning naming it', () => {
  it('one MASQ070 per unlisted table, at the source statement; the plan is still made', () => {
    const { diagnostics, planned } = check(SOURCE + DEFAULT + CUSTOMERS);
    const warn = (table: string) => [
      'warning',
      'MASQ070',
      1,
      1,
      `table ${table} of schema public is not listed in the spec, so it is not copied: list it, or say it is left out with \`skip table ${table}\` (or \`skip other tables\`)`,
    ];
    expect(summary(diagnostics)).toEqual([warn('orders'), warn('audit_log'), warn('sessions')]);
    expect(planned).toEqual(['customers']);
  });

  it('at the first table when the spec has no source statement, else at no place', () => {
    const text = '# no source: SOURCE_URL\n' + DEFAULT + CUSTOMERS + 'table orders { }\n';
    const { diagnostics } = check(text + 'skip table audit_log\n');
    expect(summary(diagnostics)).toEqual([
      ['warning', 'MASQ070', 3, 1, expect.stringMatching(/^table sessions of schema public/)],
    ]);
    const { diagnostics: bare } = check('# nothing listed\nskip other tables\n');
    expect(bare).toEqual([]);
    const { diagnostics: placeless } = check('# nothing listed\nskip table orders\n');
    expect(summary(placeless)).toEqual([
      ['warning', 'MASQ070', undefined, undefined, expect.stringMatching(/^table customers /)],
      ['warning', 'MASQ070', undefined, undefined, expect.stringMatching(/^table audit_log /)],
      ['warning', 'MASQ070', undefined, undefined, expect.stringMatching(/^table sessions /)],
    ]);
  });

  it('no warning for tables skipped by name, or for all others with `skip other tables`', () => {
    const text =
      SOURCE + DEFAULT + CUSTOMERS + 'skip table audit_log, sessions\nskip table orders\n';
    expect(check(text)).toEqual({ diagnostics: [], planned: ['customers'] });
    expect(check(SOURCE + DEFAULT + CUSTOMERS + 'skip other tables\n')).toEqual({
      diagnostics: [],
      planned: ['customers'],
    });
  });

  it('a misspelt listed table is MASQ010; the table it suggests is not warned about as well', () => {
    const text =
      SOURCE + DEFAULT + CUSTOMERS + 'table ordres { }\nskip table audit_log, sessions\n';
    expect(summary(check(text).diagnostics)).toEqual([
      [
        'error',
        'MASQ010',
        4,
        7,
        'unknown table "ordres" in schema public (did you mean "orders"?)',
      ],
    ]);
  });
});

describe('skipping tables', () => {
  it('a skipped table that is not in the schema is MASQ010, with a suggestion', () => {
    const text = SOURCE + DEFAULT + CUSTOMERS + 'skip table orders, audit_lgo, sessions\n';
    const { diagnostics } = check(text);
    const { line, column } = at(text, 'audit_lgo');
    expect(summary(diagnostics)).toEqual([
      [
        'error',
        'MASQ010',
        line,
        column,
        'unknown table "audit_lgo" in schema public (did you mean "audit_log"?)',
      ],
      ['warning', 'MASQ070', 1, 1, expect.stringMatching(/^table audit_log of schema public/)],
    ]);
  });

  it('a table both listed and skipped is MASQ071; skipped twice is MASQ018', () => {
    const text =
      SOURCE + DEFAULT + CUSTOMERS + 'skip other tables\nskip table customers, orders, orders\n';
    const both = at(text, 'customers', 1);
    const twice = at(text, 'orders', 1);
    expect(summary(check(text).diagnostics)).toEqual([
      [
        'error',
        'MASQ071',
        both.line,
        both.column,
        'table customers is listed on line 3 and also skipped: remove one of the two',
      ],
      ['error', 'MASQ018', twice.line, twice.column, 'table orders is already skipped on line 5'],
    ]);
  });

  it('`skip other tables` given twice is MASQ005', () => {
    const parsed = parseMasq('skip other tables\nskip other tables\n', 'spec.masq');
    expect(summary(parsed.diagnostics)).toEqual([
      ['error', 'MASQ005', 2, 1, '"skip other tables" is given twice'],
    ]);
  });

  it('skip and other stay names where a name is expected', () => {
    const text =
      SOURCE +
      DEFAULT +
      'table customers { key id  email substitute(email) unique  skip keep  other keep }\nskip other tables\n';
    const parsed = parseMasq(text, 'spec.masq');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.spec!.tables[0]!.rules.map((r) => r.column.value)).toEqual([
      'email',
      'skip',
      'other',
    ]);
  });
});

describe('the same in YAML', () => {
  const HEAD =
    'source: { engine: postgres, url: env(SOURCE_URL), schema: public }\ndefault: keep\n';
  const TABLES =
    'tables:\n  customers:\n    columns:\n      email: { strategy: substitute, params: { field_type: email }, unique: true }\n';

  it('own form: unlisted tables warn, with the YAML way to skip them', () => {
    const { diagnostics } = check(
      HEAD + TABLES + 'skip tables: [audit_log, sessions]\n',
      'spec.yaml',
    );
    expect(summary(diagnostics)).toEqual([
      [
        'warning',
        'MASQ070',
        1,
        1,
        'table orders of schema public is not listed in the spec, so it is not copied: list it, or say it is left out with `skip tables: [orders]` (or `skip other tables: true`)',
      ],
    ]);
  });

  it('own form: `skip tables` takes one name or a list; `skip other tables: true` skips the rest', () => {
    expect(
      check(HEAD + TABLES + 'skip tables: orders\nskip other tables: true\n', 'spec.yaml'),
    ).toEqual({
      diagnostics: [],
      planned: ['customers'],
    });
    const text = HEAD + TABLES + 'skip tables: [customers, ordrs]\n';
    const { diagnostics } = check(text, 'spec.yaml');
    expect(summary(diagnostics.filter((d) => d.severity === 'error'))).toEqual([
      [
        'error',
        'MASQ071',
        7,
        15,
        'table customers is listed on line 4 and also skipped: remove one of the two',
      ],
      [
        'error',
        'MASQ010',
        7,
        26,
        'unknown table "ordrs" in schema public (did you mean "orders"?)',
      ],
    ]);
  });

  it('pipeline form: the same two keys, beside `pipelines`', () => {
    const pipeline = `skip tables: [orders]
skip other tables: true
pipelines:
  - step: sanitize_clean
    type: sanitize_obfuscate
    order: 1
    source_db: shop
    dest_db: shop_masked
    collections:
      customers:
        email: { strategy: substitute, params: { field_type: email }, unique: true }
`;
    expect(check(pipeline, 'spec.yaml')).toEqual({ diagnostics: [], planned: ['customers'] });
    const { diagnostics } = check(pipeline.replace('skip other tables: true\n', ''), 'spec.yaml');
    expect(summary(diagnostics)).toEqual([
      ['warning', 'MASQ070', 3, 5, expect.stringMatching(/^table audit_log of schema public/)],
      ['warning', 'MASQ070', 3, 5, expect.stringMatching(/^table sessions of schema public/)],
    ]);
  });
});
