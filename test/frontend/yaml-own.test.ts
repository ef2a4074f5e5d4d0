import { describe, expect, it } from 'vitest';
import type { Spec } from '../../src/ast/spec.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseYamlSpec } from '../../src/frontend/yaml/index.js';
import { at } from '../support/text-position.js';

const EXAMPLE = `source: { engine: postgres, url: env(SOURCE_URL), schema: public }
target: { engine: postgres, url: env(TARGET_URL), schema: masked }
salt: env(MASQ_SALT)
batch: 5000
hash: portable
default: keep
tables:
  customers:
    key: id            # or a list [a, b]
    sample: 10%        # also accept 10 (percent number)
    where: "created_at >= '2020-01-01'"
    limit: 1000
    columns:
      email: { strategy: substitute, params: { field_type: email }, unique: true }
      ssn: { strategy: redact, params: { char: "#", keep_last: 4 } }
      notes: nullify   # a bare strategy name: no params
`;

function parse(text: string): { spec: Spec; diagnostics: readonly Diagnostic[] } {
  const result = parseYamlSpec(text, 'spec.yaml');
  if (!result.spec) throw new Error(`no spec: ${JSON.stringify(result.diagnostics)}`);
  return { spec: result.spec, diagnostics: result.diagnostics };
}

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => d.code);

describe('own YAML form', () => {
  it('reads the example into the same concepts as the DSL', () => {
    const { spec, diagnostics } = parse(EXAMPLE);
    expect(diagnostics).toEqual([]);
    expect(spec.format).toBe('yaml');
    expect(spec.file).toBe('spec.yaml');
    expect(spec.source).toMatchObject({
      engine: { value: 'postgres' },
      url: { kind: 'env', name: 'SOURCE_URL' },
      schema: { value: 'public' },
    });
    expect(spec.target).toMatchObject({
      url: { kind: 'env', name: 'TARGET_URL' },
      schema: { value: 'masked' },
    });
    expect(spec.salt).toMatchObject({ kind: 'env', name: 'MASQ_SALT' });
    expect(spec.batch?.value).toBe(5000);
    expect(spec.hash?.value).toBe('portable');
    expect(spec.defaultKeep).toMatchObject(at(EXAMPLE, 'default: keep'));
    expect(spec.tables).toHaveLength(1);
    const t = spec.tables[0]!;
    expect(t.name.value).toBe('customers');
    expect(t.key?.map((k) => k.value)).toEqual(['id']);
    expect(t.sample?.value).toBe(10);
    expect(t.where?.value).toBe("created_at >= '2020-01-01'");
    expect(t.limit?.value).toBe(1000);
    expect(t.rules.map((r) => r.text)).toEqual([
      'email substitute(field_type: email) unique',
      'ssn redact(char: "#", keep_last: 4)',
      'notes nullify',
    ]);
    const [email, ssn, notes] = t.rules;
    expect(email!.params).toMatchObject([
      { name: { value: 'field_type' }, value: { kind: 'string', value: 'email' } },
    ]);
    expect(email!.unique).toBeDefined();
    expect(ssn!.unique).toBeUndefined();
    expect(ssn!.params.map((p) => p.value)).toEqual([
      { kind: 'string', value: '#' },
      { kind: 'number', value: 4, raw: '4' },
    ]);
    expect(notes!.params).toEqual([]);
  });

  it('points every span at the exact YAML node', () => {
    const { spec } = parse(EXAMPLE);
    const t = spec.tables[0]!;
    const [email, ssn, notes] = t.rules;
    expect(t.name.span).toMatchObject(at(EXAMPLE, 'customers'));
    expect(email!.column.span).toMatchObject(at(EXAMPLE, 'email', 0));
    expect(email!.strategy.span).toMatchObject(at(EXAMPLE, 'substitute'));
    expect(email!.span).toMatchObject(
      at(EXAMPLE, 'email: { strategy: substitute, params: { field_type: email }, unique: true }'),
    );
    expect(email!.unique).toMatchObject(at(EXAMPLE, 'unique: true'));
    expect(email!.params[0]!.span).toMatchObject(at(EXAMPLE, 'field_type: email'));
    expect(ssn!.params[1]!.name?.span).toMatchObject(at(EXAMPLE, 'keep_last'));
    expect(notes!.strategy.span).toMatchObject(at(EXAMPLE, 'nullify'));
    expect(notes!.span).toMatchObject(at(EXAMPLE, 'notes: nullify'));
    expect(spec.source?.url.span).toMatchObject(at(EXAMPLE, 'env(SOURCE_URL)'));
    expect(spec.source?.schema?.span).toMatchObject(at(EXAMPLE, 'public'));
    expect(spec.salt?.span).toMatchObject(at(EXAMPLE, 'env(MASQ_SALT)'));
    expect(t.sample?.span).toMatchObject(at(EXAMPLE, '10%'));
    expect(t.where?.span).toMatchObject(at(EXAMPLE, `"created_at >= '2020-01-01'"`));
    expect(t.key?.[0]?.span).toMatchObject(at(EXAMPLE, 'id'));
  });

  it('accepts a key list, a percent number and literal or file() values', () => {
    const text = `source: { engine: postgres, url: "postgres://localhost/app" }
salt: file(/run/secrets/salt)
tables:
  orders:
    key: [region, id]
    sample: 25
    columns:
      total: { strategy: perturb, params: { by: 0.1, mask: 0x10, exact: false, pepper: env(PEPPER), note: "a b" } }
`;
    const { spec, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(spec.source?.url).toMatchObject({ kind: 'literal', value: 'postgres://localhost/app' });
    expect(spec.source?.schema).toBeUndefined();
    expect(spec.salt).toMatchObject({ kind: 'file', path: '/run/secrets/salt' });
    const t = spec.tables[0]!;
    expect(t.key?.map((k) => k.value)).toEqual(['region', 'id']);
    expect(t.sample?.value).toBe(25);
    expect(t.rules[0]!.params.map((p) => p.value)).toEqual([
      { kind: 'number', value: 0.1, raw: '0.1' },
      { kind: 'number', value: 16, raw: '0x10' },
      { kind: 'bool', value: false },
      { kind: 'ref', ref: { kind: 'env', name: 'PEPPER', span: expect.anything() } },
      { kind: 'string', value: 'a b' },
    ]);
    expect(t.rules[0]!.text).toBe(
      'total perturb(by: 0.1, mask: 0x10, exact: false, pepper: env(PEPPER), note: "a b")',
    );
  });

  it('reports an unknown setting with a suggestion, at the key', () => {
    const text = 'tabels:\n  customers: {}\n';
    const { diagnostics } = parse(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'MASQ006', span: at(text, 'tabels') });
    expect(diagnostics[0]!.message).toContain('(did you mean "tables"?)');
  });

  it('reports an unknown table setting with a suggestion', () => {
    const text = 'tables:\n  customers:\n    colums:\n      email: nullify\n';
    const { diagnostics } = parse(text);
    expect(diagnostics[0]).toMatchObject({ code: 'MASQ006', span: at(text, 'colums') });
    expect(diagnostics[0]!.message).toContain('(did you mean "columns"?)');
  });

  it('reports repeats with their own codes', () => {
    const text = `batch: 10
batch: 20
tables:
  a:
    columns:
      x: nullify
      x: keep
  a: {}
`;
    const { spec, diagnostics } = parse(text);
    expect(diagnostics.map((d) => [d.code, d.span?.line])).toEqual([
      ['MASQ005', 2],
      ['MASQ017', 7],
      ['MASQ018', 8],
    ]);
    expect(spec.batch?.value).toBe(10);
    expect(spec.tables[0]!.rules.map((r) => r.strategy.value)).toEqual(['nullify']);
  });

  it.each([
    ['0%', 'sample'],
    ['150', 'sample'],
    ['ten', 'sample'],
  ])('refuses sample %s at the value', (value) => {
    const text = `tables:\n  t:\n    sample: ${value}\n`;
    const { spec, diagnostics } = parse(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'MASQ004', span: at(text, value) });
    expect(spec.tables[0]!.sample).toBeUndefined();
  });

  it.each([
    ['source: 5\n', '5', 'source must be a mapping, found 5'],
    [
      'tables:\n  t:\n    columns:\n      b: [x]\n',
      '[x]',
      'the rule of t.b must be a strategy or a mapping, found a list',
    ],
    ['tables:\n  t:\n    key: { a: 1 }\n', '{ a: 1 }', 'key must be a list, found a mapping'],
    ['salt: file()\n', 'file()', 'file(...) needs a path'],
    [
      'target: { engine: pg, url: env(a b) }\n',
      'env(a b)',
      'env(...) needs an environment variable name, got "a b"',
    ],
  ])('reports a value of the wrong shape once, at the value: %j', (text, needle, message) => {
    const { diagnostics } = parse(text);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        code: 'MASQ004',
        message,
        span: {
          file: 'spec.yaml',
          ...at(text, needle),
          endLine: expect.any(Number),
          endColumn: expect.any(Number),
        },
      },
    ]);
  });

  it('reports every problem of the file in one run, in file order', () => {
    const text = `source: { engine: postgres }
batch: lots
default: drop
tables:
  customers:
    columns:
      email: { strategy: substitute, parms: { field_type: email } }
      phone: { params: { x: 1 } }
      notes:
`;
    const { diagnostics } = parse(text);
    expect(diagnostics.map((d) => [d.code, d.span?.line])).toEqual([
      ['MASQ004', 1],
      ['MASQ004', 2],
      ['MASQ004', 3],
      ['MASQ006', 7],
      ['MASQ004', 8],
      ['MASQ004', 9],
    ]);
    expect(diagnostics[0]!.message).toBe('source needs a url');
    expect(diagnostics[3]!.message).toContain('(did you mean "params"?)');
  });

  it('reports YAML syntax errors with line and column, and builds no spec', () => {
    const text = 'tables:\n  customers:\n    columns: [email\n  orders: {}\n';
    const result = parseYamlSpec(text, 'spec.yaml');
    expect(result.spec).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(codes(result.diagnostics).every((c) => c === 'MASQ003')).toBe(true);
    expect(result.diagnostics[0]!.span).toMatchObject({ file: 'spec.yaml', line: 4, column: 3 });
  });

  it('reports all YAML syntax errors, not only the first', () => {
    const text = 'tables:\n  a: b: c\n  d: 1\n  e: f: g\n';
    const result = parseYamlSpec(text, 'spec.yaml');
    expect(result.diagnostics.map((d) => [d.code, d.span?.line, d.span?.column])).toEqual([
      ['MASQ003', 2, 6],
      ['MASQ003', 4, 6],
    ]);
    expect(result.diagnostics[0]!.message).toBe(
      'YAML syntax error: Nested mappings are not allowed in compact mappings',
    );
  });

  it.each([
    ['a list', '- a\n- b\n'],
    ['a scalar', 'hello\n'],
  ])('refuses a file that is %s without throwing', (_, text) => {
    const result = parseYamlSpec(text, 'spec.yaml');
    expect(result.spec).toBeUndefined();
    expect(codes(result.diagnostics)).toEqual(['MASQ004']);
  });

  it('reads an empty file as a spec with no tables', () => {
    const { spec, diagnostics } = parse('# nothing yet\n');
    expect(diagnostics).toEqual([]);
    expect(spec.tables).toEqual([]);
  });
});
