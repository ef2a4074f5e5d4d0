import { describe, expect, it } from 'vitest';
import type { Spec } from '../../src/ast/spec.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseYamlSpec } from '../../src/frontend/yaml/index.js';
import { at } from '../support/text-position.js';

/** The users' own example, verbatim: one sanitize step inside financial_data_clean. */
const THEIRS = `pipelines:
  - step: sanitize_clean
    type: sanitize_obfuscate
    order: 2
    source_db: financial_data_clean
    dest_db: financial_data_clean
    collections:
      customers:
        username:
          strategy: substitute
          params:
            field_type: username
`;

/** The canonical pipeline: copy, then mask and sample the copy in place. */
const CANONICAL = `pipelines:
  - step: copy_raw
    type: copy
    order: 1
    source_db: financial_data
    dest_db: financial_data_clean
    collections: [customers, orders]
${THEIRS.slice('pipelines:\n'.length)}  - step: shrink
    type: minimize
    order: 3
    source_db: financial_data_clean
    dest_db: financial_data_clean
    collections:
      customers: { sample: 10% }
`;

function parse(text: string): { spec: Spec; diagnostics: readonly Diagnostic[] } {
  const result = parseYamlSpec(text, 'pipeline.yaml');
  if (!result.spec) throw new Error(`no spec: ${JSON.stringify(result.diagnostics)}`);
  return { spec: result.spec, diagnostics: result.diagnostics };
}

/** A pipeline of one copy of `customers` followed by one step on the copy. */
function afterCopy(step: string): string {
  return `pipelines:
  - step: copy
    type: copy
    order: 1
    source_db: raw
    dest_db: clean
    collections: [customers]
  - step: next
    order: 2
    source_db: clean
    dest_db: clean
${step}`;
}

describe('legacy pipeline form', () => {
  it('fuses copy, sanitize and minimize into one pass per table', () => {
    const { spec, diagnostics } = parse(CANONICAL);
    expect(diagnostics).toEqual([]);
    expect(spec.format).toBe('yaml-pipeline');
    expect(spec.source).toMatchObject({
      engine: { value: 'postgres' },
      url: { kind: 'env', name: 'SOURCE_URL' },
    });
    expect(spec.source?.schema).toBeUndefined();
    expect(spec.target).toMatchObject({ url: { kind: 'env', name: 'TARGET_URL' } });
    expect(spec.defaultKeep).toMatchObject(at(CANONICAL, 'pipelines'));
    expect(spec.steps?.map((s) => [s.name, s.type, s.order])).toEqual([
      ['copy_raw', 'copy', 1],
      ['sanitize_clean', 'sanitize_obfuscate', 2],
      ['shrink', 'minimize', 3],
    ]);
    expect(spec.tables.map((t) => t.name.value)).toEqual(['customers', 'orders']);
    const [customers, orders] = spec.tables;
    expect(customers!.fusedFrom).toEqual(['copy_raw', 'sanitize_clean', 'shrink']);
    expect(customers!.rules.map((r) => r.text)).toEqual([
      'username substitute(field_type: username)',
    ]);
    expect(customers!.sample).toMatchObject({ value: 10, span: at(CANONICAL, '10%') });
    expect(orders!.fusedFrom).toEqual(['copy_raw']);
    expect(orders!.rules).toEqual([]);
    expect(orders!.sample).toBeUndefined();
  });

  it('points rule spans at the field, its strategy and the whole entry', () => {
    const { spec } = parse(CANONICAL);
    const rule = spec.tables[0]!.rules[0]!;
    expect(rule.column.span).toMatchObject(at(CANONICAL, 'username:'.slice(0, -1)));
    expect(rule.strategy.span).toMatchObject(at(CANONICAL, 'substitute'));
    const entry =
      'username:\n          strategy: substitute\n          params:\n            field_type: username';
    expect(rule.span).toMatchObject(at(CANONICAL, entry));
    expect(rule.params[0]).toMatchObject({
      name: { value: 'field_type' },
      value: { kind: 'string', value: 'username' },
    });
    expect(spec.tables[0]!.name.span).toMatchObject(at(CANONICAL, 'customers'));
  });

  it('compiles their example as a pass within one database, from one schema into another', () => {
    const { spec, diagnostics } = parse(THEIRS);
    expect(diagnostics).toEqual([]);
    expect(spec.steps).toHaveLength(1);
    expect(spec.tables.map((t) => [t.name.value, t.fusedFrom])).toEqual([
      ['customers', ['sanitize_clean']],
    ]);
    expect(spec.tables[0]!.rules[0]!.text).toBe('username substitute(field_type: username)');
    // One database on both sides: the same connection, so the schemas (public → masked) differ.
    expect(spec.source?.url).toMatchObject({ kind: 'env', name: 'SOURCE_URL' });
    expect(spec.target?.url).toMatchObject({ kind: 'env', name: 'SOURCE_URL' });
  });

  it('runs steps by order, not by file position', () => {
    const text = `pipelines:
  - step: mask
    type: sanitize_obfuscate
    order: 2
    source_db: clean
    dest_db: clean
    collections:
      t: { x: nullify }
  - step: copy
    type: copy
    order: 1
    source_db: raw
    dest_db: clean
    collections: { t: {}, u: }
`;
    const { spec, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(spec.steps?.map((s) => s.name)).toEqual(['copy', 'mask']);
    expect(spec.tables.map((t) => [t.name.value, t.fusedFrom])).toEqual([
      ['t', ['copy', 'mask']],
      ['u', ['copy']],
    ]);
  });

  it('treats a sanitize step between two databases as copy and mask in one', () => {
    const text = `pipelines:
  - step: mask
    type: sanitize_obfuscate
    order: 1
    source_db: raw
    dest_db: clean
    collections:
      t:
        ssn: { strategy: redact, params: { keep_last: 4 } }
`;
    const { spec, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(spec.target?.url).toMatchObject({ kind: 'env', name: 'TARGET_URL' });
    expect(spec.tables[0]!.fusedFrom).toEqual(['mask']);
    expect(spec.tables[0]!.rules[0]!.text).toBe('ssn redact(keep_last: 4)');
  });

  it.each([
    ['{ sample: 10% }', 10],
    ['{ sample: 10 }', 10],
    ['{ sample: 2.5 }', 2.5],
    ['{ percent: 10 }', 10],
    ['{ pct: 30 }', 30],
    ['{ rate: 0.1 }', 10],
    ['{ fraction: 0.25 }', 25],
    ['{ fraction: 1 }', 100],
    ['{ strategy: sample, params: { percent: 10 } }', 10],
    ['{ strategy: sample, params: { rate: 0.2 } }', 20],
    ['{ strategy: sample, params: { fraction: 0.05 } }', 5],
    ['{ strategy: sample, params: { pct: 40 } }', 40],
    ['{ strategy: sample, params: { sample: 7% } }', 7],
  ])('reads the minimize spelling %s as a %d%% sample', (spelling, percent) => {
    const { spec, diagnostics } = parse(
      afterCopy(`    type: minimize\n    collections:\n      customers: ${spelling}\n`),
    );
    expect(diagnostics).toEqual([]);
    expect(spec.tables[0]!.sample?.value).toBe(percent);
  });

  it('reads where and limit of a minimize step', () => {
    const text = afterCopy(
      `    type: minimize\n    collections:\n      customers: { where: "id > 5", limit: 100 }\n`,
    );
    const { spec, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(spec.tables[0]).toMatchObject({
      where: { value: 'id > 5', span: at(text, '"id > 5"') },
      limit: { value: 100 },
      fusedFrom: ['copy', 'next'],
    });
  });

  it.each([
    ['{ sample: 0 }', '0'],
    ['{ sample: 150% }', '150%'],
    ['{ percent: -3 }', '-3'],
    ['{ rate: 1.5 }', '1.5'],
  ])('refuses the sample %s at the value', (spelling, value) => {
    const text = afterCopy(`    type: minimize\n    collections:\n      customers: ${spelling}\n`);
    const { diagnostics } = parse(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'MASQ004', span: at(text, value, 0) });
  });

  it('refuses a refresh step at its type', () => {
    const text = afterCopy(`    type: refresh\n    collections: [customers]\n`);
    const { diagnostics } = parse(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'MASQ040',
      message: 'step type refresh is not supported yet',
      span: { ...at(text, 'refresh'), line: 12, column: 11 },
    });
  });

  it('suggests a step type and a step key for typos', () => {
    const text = afterCopy(`    type: sanitize_obfuscat\n    colections: {}\n`);
    const { diagnostics } = parse(text);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['MASQ004', 'step "next" needs collections'],
      [
        'MASQ040',
        'step type "sanitize_obfuscat" is not supported (did you mean "sanitize_obfuscate"?)',
      ],
      [
        'MASQ006',
        'unknown setting "colections" in step 2 of pipelines (did you mean "collections"?)',
      ],
    ]);
  });

  it('refuses masking, within the target, a table no earlier step copied there', () => {
    const text = afterCopy(
      `    type: sanitize_obfuscate\n    collections:\n      orders: { x: nullify }\n`,
    );
    const { diagnostics } = parse(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.code).toBe('MASQ042');
    expect(diagnostics[0]!.message).toContain('(clean → clean) cannot be fused');
  });

  it('refuses steps that do not share one source and one target', () => {
    const text = `pipelines:
  - { step: a, type: copy, order: 1, source_db: raw, dest_db: clean, collections: [t] }
  - { step: b, type: copy, order: 2, source_db: other, dest_db: clean, collections: [u] }
  - { step: c, type: copy, order: 3, source_db: raw, dest_db: elsewhere, collections: [v] }
`;
    const { spec, diagnostics } = parse(text);
    expect(diagnostics.map((d) => [d.code, d.span?.offset])).toEqual([
      ['MASQ042', at(text, 'other').offset],
      ['MASQ042', at(text, 'elsewhere').offset],
    ]);
    expect(diagnostics[0]!.message).toBe(
      'step "b" (other → clean) cannot be fused with step "a" (raw → clean): ' +
        'masq runs one pass from one source database to one target database',
    );
    expect(spec.tables.map((t) => t.name.value)).toEqual(['t']);
  });

  it('refuses a column given rules by two steps', () => {
    const text = afterCopy(`    type: sanitize_obfuscate
    collections:
      customers: { email: nullify }
  - step: again
    type: sanitize_obfuscate
    order: 3
    source_db: clean
    dest_db: clean
    collections:
      customers: { email: { strategy: substitute } }
`);
    const { spec, diagnostics } = parse(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'MASQ017', span: at(text, 'email', 1) });
    expect(diagnostics[0]!.message).toBe(
      'a rule for customers.email is given by two steps ("next" and "again")',
    );
    expect(spec.tables[0]!.rules.map((r) => r.strategy.value)).toEqual(['nullify']);
  });

  it.each([
    ['pipelines: []\n', 'pipelines', 'pipelines has no steps'],
    ['pipelines:\n  - {}\n', '{}', 'step 1 of pipelines is empty'],
    ['pipelines:\n', 'pipelines', 'pipelines must be a list, found nothing'],
  ])('refuses a pipeline without steps: %j', (text, needle, message) => {
    const { diagnostics } = parse(text);
    expect(diagnostics).toMatchObject([{ code: 'MASQ004', message, span: at(text, needle) }]);
  });

  it('reports every problem of the file in one run', () => {
    const text = `salt: env(MASQ_SALT)
tables: {}
pipelines:
  - step: copy
    type: copy
    order: first
    source_db: raw
    dest_db: clean
    collections: { t: { x: nullify } }
  - step: shrink
    type: minimize
    source_db: clean
    dest_db: clean
    collections:
      t: { sample: 200 }
`;
    const { spec, diagnostics } = parse(text);
    expect(diagnostics.map((d) => [d.code, d.span?.line])).toEqual([
      ['MASQ006', 2],
      ['MASQ004', 6],
      ['MASQ004', 9],
      ['MASQ004', 15],
    ]);
    expect(spec.salt).toMatchObject({ kind: 'env', name: 'MASQ_SALT' });
  });
});
