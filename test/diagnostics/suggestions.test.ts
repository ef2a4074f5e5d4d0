import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import type { SchemaSnapshot } from '../../src/catalog/snapshot.js';
import { loadEnvironment } from '../../src/cli/environments.js';
import { closest } from '../../src/diagnostics/suggest.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import { parseYamlSpec } from '../../src/frontend/yaml/index.js';

/** The shop schema (customers, orders) and a table with a short name, `items`. */
const SHOP = JSON.parse(readFileSync('test/cases/shop/schema.json', 'utf8')) as SchemaSnapshot;
const SCHEMA: SchemaSnapshot = {
  ...SHOP,
  tables: [...SHOP.tables, { ...SHOP.tables.find((t) => t.name === 'orders')!, name: 'items' }],
};

describe('closest: within two edits, a swap of neighbours being one', () => {
  it.each([
    ['emial', ['email', 'notes'], 'email'],
    ['emal', ['email'], 'email'],
    ['eamil', ['email'], 'email'],
    ['emaill', ['email'], 'email'],
    ['sns', ['ssn', 'id'], 'ssn'],
    ['usrenmae', ['username'], 'username'],
    ['Email', ['email'], 'email'],
    ['ID', ['id'], 'id'],
    // Short words: every two-letter name is one edit from many others.
    ['id', ['ip'], undefined],
    ['ab', ['ba'], undefined],
    ['eml', ['email'], undefined],
    ['abcdef', ['uvwxyz'], undefined],
    ['emxxxl', ['email'], undefined],
  ])('%s among %j → %s', (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });
});

const HEAD_DSL = 'source postgres env(SOURCE_URL) schema public\ndefault keep\nskip other tables\n';
const HEAD_YAML =
  'source: { engine: postgres, url: env(SOURCE_URL), schema: public }\ndefault: keep\nskip other tables: true\n';

/** [what, code, DSL after the head, YAML after the head, the suggestion]. */
const TYPOS: readonly (readonly [string, string, string, string, string])[] = [
  ['a table', 'MASQ010', 'table itmes { }', 'tables: { itmes: {} }', 'items'],
  ['a skipped table', 'MASQ010', 'skip table itmes', 'skip tables: [itmes]', 'items'],
  [
    'a column',
    'MASQ011',
    'table customers { emial keep }',
    'tables: { customers: { columns: { emial: keep } } }',
    'email',
  ],
  [
    'a key column',
    'MASQ011',
    'table customers { key devcie_id }',
    'tables: { customers: { key: [devcie_id] } }',
    'device_id',
  ],
  [
    'a column in a where predicate',
    'MASQ011',
    `table customers { where "emial = 'x'" }`,
    `tables: { customers: { where: "emial = 'x'" } }`,
    'email',
  ],
  [
    'a strategy',
    'MASQ012',
    'table customers { notes kepe }',
    'tables: { customers: { columns: { notes: kepe } } }',
    'keep',
  ],
  [
    'a parameter',
    'MASQ013',
    'table customers { ssn redact(chra: "#") }',
    'tables: { customers: { columns: { ssn: { strategy: redact, params: { chra: "#" } } } } }',
    'char',
  ],
  [
    'a field type',
    'MASQ019',
    'table customers { full_name substitute(fulL_nmae) }',
    'tables: { customers: { columns: { full_name: { strategy: substitute, params: { field_type: fulL_nmae } } } } }',
    'full_name',
  ],
  ['a hash mode', 'MASQ006', 'hash fsat', 'hash: fsat', 'fast'],
];

const SETTING_TYPOS: readonly (readonly [string, string, string, string, string])[] = [
  ['a statement', 'MASQ002', 'hsah fast', '', 'hash'],
  ['a setting', 'MASQ006', '', 'hsah: fast', 'hash'],
  ['a table setting', 'MASQ006', '', 'tables: { customers: { smaple: 10 } }', 'sample'],
];

function diagnosticsOf(form: 'masq' | 'yaml', body: string) {
  const parsed =
    form === 'masq'
      ? parseMasq(HEAD_DSL + body + '\n', 'typo.masq')
      : parseYamlSpec(HEAD_YAML + body + '\n', 'typo.yaml');
  if (!parsed.spec) return parsed.diagnostics;
  return [...parsed.diagnostics, ...analyze(parsed.spec, SCHEMA, 'typo').diagnostics];
}

describe('every kind of name gets a suggestion within two edits', () => {
  for (const [what, code, dsl, yaml, suggestion] of [...TYPOS, ...SETTING_TYPOS])
    for (const [form, body] of [
      ['masq', dsl],
      ['yaml', yaml],
    ] as const) {
      if (body === '') continue;
      it(`${what} in ${form}: ${body} → ${suggestion}`, () => {
        const found = diagnosticsOf(form, body);
        expect(found.map((d) => [d.code, d.message])).toEqual([
          [code, expect.stringContaining(`(did you mean "${suggestion}"?)`)],
        ]);
      });
    }

  it('an environment name', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'masq-typo-')), 'environments.yaml');
    writeFileSync(file, 'environments:\n  test: { batch: 10 }\n  dev: { batch: 100 }\n');
    expect(() => loadEnvironment('tset', file, {})).toThrow(
      'error MASQ043: ' + file + ' has no environment "tset" (did you mean "test"?)',
    );
  });
});
