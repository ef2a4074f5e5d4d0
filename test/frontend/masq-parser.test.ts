import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/diagnostics/span.js';
import type { TableSpec } from '../../src/ast/spec.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import { checkDiagnostics } from '../fuzz/positions.js';

const SHOP = `# configs/examples/shop.masq
source postgres env(SOURCE_URL) schema public
target postgres env(TARGET_URL) schema masked
salt env(MASQ_SALT)
batch 5000

table customers {
  key id
  username    substitute(username)
  email       substitute(email) unique
  full_name   substitute(full_name)
  phone       redact(keep_last: 4)
  ssn         redact(char: "#", keep_last: 4)
  salary      perturb(pct: 10)
  birth_date  perturb(days: 90)
  device_id   hash_salt
  notes       nullify
  country     keep
  created_at  keep
  sample 10%
  where "created_at >= '2020-01-01'"
}

table orders {
  key id
  card_number redact(keep_last: 4)
  amount      perturb(pct: 5)
}
`;

/** The span of the `nth` occurrence of `needle` in `text`, computed independently of the parser. */
function mark(text: string, needle: string, nth = 0): Omit<Span, 'file'> {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`"${needle}" not in input`);
  const at = (o: number) => {
    const before = text.slice(0, o).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
  const start = at(offset);
  const end = at(offset + needle.length);
  return {
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    offset,
    endOffset: offset + needle.length,
  };
}

function parse(text: string) {
  const result = parseMasq(text, 'test.masq');
  const where = result.diagnostics.map((d) => `${d.span?.line}:${d.span?.column} ${d.code}`);
  return { ...result, where, tables: result.spec?.tables ?? [] };
}

function rulesOf(table: TableSpec | undefined) {
  return table?.rules.map((r) => [r.column.value, r.strategy.value]);
}

describe('the shop example', () => {
  const { spec, diagnostics, tables } = parse(SHOP);
  const [customers, orders] = tables;

  it('parses without diagnostics', () => {
    expect(diagnostics).toEqual([]);
    expect(spec?.format).toBe('masq');
    expect(spec?.file).toBe('test.masq');
  });

  it('reads the settings', () => {
    expect(spec?.source?.engine.value).toBe('postgres');
    expect(spec?.source?.url).toMatchObject({ kind: 'env', name: 'SOURCE_URL' });
    expect(spec?.source?.schema?.value).toBe('public');
    expect(spec?.target?.url).toMatchObject({ kind: 'env', name: 'TARGET_URL' });
    expect(spec?.target?.schema?.value).toBe('masked');
    expect(spec?.salt).toMatchObject({ kind: 'env', name: 'MASQ_SALT' });
    expect(spec?.batch?.value).toBe(5000);
    expect(spec?.hash).toBeUndefined();
    expect(spec?.defaultKeep).toBeUndefined();
  });

  it('reads every table item', () => {
    expect(tables.map((t) => t.name.value)).toEqual(['customers', 'orders']);
    expect(customers?.key?.map((k) => k.value)).toEqual(['id']);
    expect(customers?.sample?.value).toBe(10);
    expect(customers?.where?.value).toBe("created_at >= '2020-01-01'");
    expect(customers?.limit).toBeUndefined();
    expect(rulesOf(customers)).toEqual([
      ['username', 'substitute'],
      ['email', 'substitute'],
      ['full_name', 'substitute'],
      ['phone', 'redact'],
      ['ssn', 'redact'],
      ['salary', 'perturb'],
      ['birth_date', 'perturb'],
      ['device_id', 'hash_salt'],
      ['notes', 'nullify'],
      ['country', 'keep'],
      ['created_at', 'keep'],
    ]);
    expect(rulesOf(orders)).toEqual([
      ['card_number', 'redact'],
      ['amount', 'perturb'],
    ]);
  });

  it('reads parameters with their kinds, and the unique flag', () => {
    const rule = (column: string) => customers?.rules.find((r) => r.column.value === column);
    expect(rule('email')?.params.map((p) => [p.name, p.value])).toEqual([
      [undefined, { kind: 'ident', value: 'email' }],
    ]);
    expect(rule('ssn')?.params.map((p) => [p.name?.value, p.value])).toEqual([
      ['char', { kind: 'string', value: '#' }],
      ['keep_last', { kind: 'number', value: 4, raw: '4' }],
    ]);
    expect(rule('email')?.unique).toBeDefined();
    expect(rule('username')?.unique).toBeUndefined();
    expect(rule('device_id')?.params).toEqual([]);
    expect(rule('email')?.text).toBe('email substitute(email) unique');
    expect(rule('ssn')?.text).toBe('ssn redact(char: "#", keep_last: 4)');
  });
});

it('the example shipped in configs/ parses without diagnostics', () => {
  const file = new URL('../../configs/examples/shop.masq', import.meta.url);
  expect(parse(readFileSync(file, 'utf8')).diagnostics).toEqual([]);
});

describe('positions', () => {
  const { spec, tables } = parse(SHOP);
  const customers = tables[0]!;
  const rule = (column: string) => customers.rules.find((r) => r.column.value === column)!;

  it('locate names, strategies and flags exactly', () => {
    expect(rule('device_id').strategy.span).toEqual({
      file: 'test.masq',
      ...mark(SHOP, 'hash_salt'),
    });
    expect(rule('device_id').column.span).toMatchObject(mark(SHOP, 'device_id'));
    expect(rule('email').unique).toMatchObject(mark(SHOP, 'unique'));
    expect(customers.name.span).toMatchObject(mark(SHOP, 'customers'));
    expect(customers.sample?.span).toMatchObject(mark(SHOP, '10', 1));
    expect(customers.where?.span).toMatchObject(mark(SHOP, `"created_at >= '2020-01-01'"`));
    expect(spec?.batch?.span).toMatchObject(mark(SHOP, '5000'));
  });

  it('cover whole rules, parameters, references, endpoints and tables', () => {
    expect(rule('ssn').span).toMatchObject(
      mark(SHOP, 'ssn         redact(char: "#", keep_last: 4)'),
    );
    expect(rule('ssn').params[1]?.span).toMatchObject(mark(SHOP, 'keep_last: 4', 1));
    expect(spec?.source?.url.span).toMatchObject(mark(SHOP, 'env(SOURCE_URL)'));
    expect(spec?.target?.span).toMatchObject(
      mark(SHOP, 'target postgres env(TARGET_URL) schema masked'),
    );
    const table = SHOP.slice(SHOP.indexOf('table customers'), SHOP.indexOf('}') + 1);
    expect(customers.span).toMatchObject(mark(SHOP, table));
  });
});

describe('syntax errors', () => {
  it('are all reported in one run, each at its own line and column', () => {
    const text = [
      'sourc postgres env(X)', // 1:1 not a statement
      'batch 2.5', // 1:7 not a whole number
      'table t {',
      '  a redact(keep_last: )', // 4:23 missing value
      '  b keep',
      '  limit 1.5', // 6:9 not a whole number
      '}',
      'hash', // end of input: no mode
    ].join('\n');
    const { where, diagnostics, tables } = parse(text);
    expect(where).toEqual([
      '1:1 MASQ002',
      '2:7 MASQ002',
      '4:23 MASQ002',
      '6:9 MASQ002',
      '8:5 MASQ002',
    ]);
    expect(diagnostics[0]?.message).toContain('(did you mean "source"?)');
    expect(diagnostics[1]?.message).toBe('expected a whole number after "batch", found "2.5"');
    expect(diagnostics[1]?.span).toMatchObject(mark(text, '2.5'));
    expect(diagnostics[3]?.message).toBe('expected a whole number after "limit", found "1.5"');
    expect(rulesOf(tables[0])).toEqual([
      ['a', 'redact'],
      ['b', 'keep'],
    ]);
  });

  it('name the table whose "}" is missing and keep both tables', () => {
    const text = 'table customers {\n  email keep\n\ntable orders {\n  amount keep\n}\n';
    const { diagnostics, tables } = parse(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toBe('expected "}" to close table "customers", found "table"');
    expect(diagnostics[0]?.span).toMatchObject(mark(text, 'table', 1));
    expect(tables.map((t) => t.name.value)).toEqual(['customers', 'orders']);
    expect(tables[0]?.span).toMatchObject(mark(text, 'table customers {\n  email keep'));
  });

  it.each(['skip table orders', 'skip other tables'])(
    'end a table whose "}" is missing at `%s`, and keep the skip',
    (skip) => {
      const text = `table customers {\n  email keep\n${skip}\n`;
      const { diagnostics, spec } = parse(text);
      expect(diagnostics.map((d) => d.message)).toEqual([
        'expected "}" to close table "customers", found "skip"',
      ]);
      expect(diagnostics[0]?.span).toMatchObject(mark(text, 'skip'));
      expect(spec?.tables.map((t) => t.rules.map((r) => r.column.value))).toEqual([['email']]);
      expect(spec?.skipTables?.map((t) => t.value) ?? spec?.skipOthers?.line).toEqual(
        skip === 'skip other tables' ? 3 : ['orders'],
      );
    },
  );

  it.each([
    [
      'skip\n# then a comment\n',
      'expected "table NAME" or "other tables" after "skip", found end of input',
      '\n',
    ],
    [
      'skip tabel x\n',
      'expected "table NAME" or "other tables" after "skip", found "tabel" (did you mean "table"?)',
      'tabel',
    ],
    ['skip other\n', 'expected "tables" after "other", found end of input', '\n'],
  ])('say what `skip` takes: %j', (text, message, at) => {
    const { diagnostics } = parse(text);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['MASQ002', message]]);
    const { offset } = mark(text, at);
    expect(diagnostics[0]?.span?.offset).toBe(at === '\n' ? text.indexOf('\n') : offset);
    expect(checkDiagnostics(text, 'test.masq', diagnostics)).toEqual([]);
  });

  it('read `skip table a, b` with each name at its place, repeatable', () => {
    const text = 'skip table a, `b c`\nskip table d\n';
    const { diagnostics, spec } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(spec?.skipTables?.map((t) => [t.value, t.span.line, t.span.column])).toEqual([
      ['a', 1, 12],
      ['b c', 1, 15],
      ['d', 2, 12],
    ]);
    expect(spec?.skipOthers).toBeUndefined();
  });

  it('name the column whose strategy is missing at end of input', () => {
    const { diagnostics } = parse('table customers {\n  email');
    expect(diagnostics.map((d) => d.message)).toEqual([
      'expected a strategy after column "email", found end of input',
    ]);
    expect(diagnostics[0]?.span).toMatchObject({ line: 2, column: 8, offset: 25 });
  });

  it('report a missing comma once, without echoes from recovery', () => {
    const { diagnostics, tables } = parse('table t { c redact(x: 1 y: 2) d keep }');
    expect(diagnostics.map((d) => d.message)).toEqual([
      'expected "," or ")" in the parameters of "redact", found "y"',
    ]);
    expect(rulesOf(tables[0])).toContainEqual(['d', 'keep']);
  });

  it('still report an error right after one that recovery resumed from at a keyword', () => {
    const { where } = parse('salt\nbatch x');
    expect(where).toEqual(['2:1 MASQ002', '2:7 MASQ002']);
  });
});

describe('lexical errors', () => {
  it('report an unterminated string at its start and parse on', () => {
    const text = 'table t {\n  where "open\n  a keep\n}\nbatch x';
    const { where, diagnostics, tables } = parse(text);
    expect(where).toEqual(['2:9 MASQ001', '5:7 MASQ002']);
    expect(diagnostics[0]?.span).toMatchObject(mark(text, '"open'));
    expect(tables[0]?.where?.value).toBe('open');
    expect(rulesOf(tables[0])).toEqual([['a', 'keep']]);
  });

  it('report unexpected characters and unknown escapes', () => {
    const text = 'batch 1 @@\nsalt "a\\qb"';
    const { diagnostics } = parse(text);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['MASQ001', 'unexpected characters "@@"'],
      ['MASQ001', 'unknown escape "\\q" in string (use \\" \\\\ \\n or \\t)'],
    ]);
    expect(diagnostics[0]?.span).toMatchObject(mark(text, '@@'));
    expect(diagnostics[1]?.span).toMatchObject(mark(text, '\\q'));
  });
});

describe('names and keywords', () => {
  it('lets keywords be column names where a rule is expected', () => {
    const text = `table t {
      unique keep
      hash keep
      country keep
      source keep
      table keep
      env keep
      limit keep
      sample keep
      where keep
      default keep
    }`;
    const { diagnostics, tables } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(rulesOf(tables[0])?.map(([column]) => column)).toEqual([
      'unique',
      'hash',
      'country',
      'source',
      'table',
      'env',
      'limit',
      'sample',
      'where',
      'default',
    ]);
    expect(tables[0]?.limit).toBeUndefined();
  });

  it('starts key, sample, where and limit items only when their value follows', () => {
    const { diagnostics, tables } = parse(
      'table t { limit 100 sample 12.5% where "x > 1" key a, b }',
    );
    expect(diagnostics).toEqual([]);
    expect(tables[0]).toMatchObject({
      limit: { value: 100 },
      sample: { value: 12.5 },
      where: { value: 'x > 1' },
    });
    expect(tables[0]?.key?.map((k) => k.value)).toEqual(['a', 'b']);
    expect(tables[0]?.rules).toEqual([]);
  });

  it('reads backtick names, with the quotes inside the span', () => {
    const text = 'table `my table` { `key` keep\n `full name` redact(`char`: "*") }';
    const { diagnostics, tables } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(tables[0]?.name).toMatchObject({ value: 'my table', span: mark(text, '`my table`') });
    expect(rulesOf(tables[0])).toEqual([
      ['key', 'keep'],
      ['full name', 'redact'],
    ]);
    expect(tables[0]?.rules[1]?.params[0]?.name?.value).toBe('char');
    expect(tables[0]?.key).toBeUndefined();
  });
});

describe('values', () => {
  it('gives each parameter value its kind', () => {
    const text =
      'table t { a s(-2.5, "q\\"\\\\\\n\\t", true, false, env, env(X), file("k.pem"), `n m`) }';
    const { diagnostics, tables } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(tables[0]?.rules[0]?.params.map((p) => p.value)).toEqual([
      { kind: 'number', value: -2.5, raw: '-2.5' },
      { kind: 'string', value: 'q"\\\n\t' },
      { kind: 'bool', value: true },
      { kind: 'bool', value: false },
      { kind: 'ident', value: 'env' },
      {
        kind: 'ref',
        ref: { kind: 'env', name: 'X', span: expect.objectContaining(mark(text, 'env(X)')) },
      },
      {
        kind: 'ref',
        ref: {
          kind: 'file',
          path: 'k.pem',
          span: expect.objectContaining(mark(text, 'file("k.pem")')),
        },
      },
      { kind: 'ident', value: 'n m' },
    ]);
  });

  it('reads literal and file references, hash and default keep', () => {
    const text = 'source mongodb "mongodb://h/db"\nsalt file("/run/salt")\nhash fast\ndefault keep';
    const { spec, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(spec?.source?.url).toMatchObject({ kind: 'literal', value: 'mongodb://h/db' });
    expect(spec?.salt).toMatchObject({
      kind: 'file',
      path: '/run/salt',
      span: mark(text, 'file("/run/salt")'),
    });
    expect(spec?.hash).toMatchObject({ value: 'fast', span: mark(text, 'fast') });
    expect(spec?.defaultKeep).toMatchObject(mark(text, 'default keep'));
  });
});

describe('layout', () => {
  it('ignores comments, but not a # inside a string, and collapses whitespace in rule text', () => {
    const text =
      'table t { # the table\n  a   redact( char: "#" ,\n  # why\n  keep_last: 4 )  # done\n}';
    const { diagnostics, tables } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(tables[0]?.rules[0]?.text).toBe('a redact( char: "#" , keep_last: 4 )');
    expect(tables[0]?.rules[0]?.params[0]?.value).toEqual({ kind: 'string', value: '#' });
  });

  it('gives an empty spec for empty input or only comments', () => {
    for (const text of ['', '  \n', '# nothing here\n']) {
      const { spec, diagnostics } = parse(text);
      expect(diagnostics).toEqual([]);
      expect(spec).toEqual({ file: 'test.masq', format: 'masq', tables: [] });
    }
  });

  it('never throws, whatever the input', () => {
    const junk = [
      '}{)(',
      'table',
      'table t {',
      'source',
      '"',
      '`',
      'a b c(:,)',
      'key key key',
      '%%%',
    ];
    for (const text of junk) expect(parse(text).diagnostics.length).toBeGreaterThan(0);
  });
});

describe('settings given twice', () => {
  it('are reported, because the AST holds one of each', () => {
    const text = 'batch 1\nbatch 2\ntable t { limit 1 limit 2 }\ndefault keep default keep';
    const { spec, where, tables, diagnostics } = parse(text);
    expect(where).toEqual(['2:1 MASQ005', '3:19 MASQ005', '4:14 MASQ005']);
    expect(diagnostics.map((d) => d.message)).toEqual([
      '"batch" is given twice',
      '"limit" is given twice',
      '"default keep" is given twice',
    ]);
    expect(spec?.batch?.value).toBe(1);
    expect(tables[0]?.limit?.value).toBe(1);
  });
});
