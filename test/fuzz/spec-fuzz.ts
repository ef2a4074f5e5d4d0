import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadSnapshotFile } from '../../src/catalog/snapshot-file.js';
import type { SchemaSnapshot } from '../../src/catalog/snapshot.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { ROOT } from '../support/build.js';
import { checkDiagnostics } from './positions.js';

/** One spec to compile: its file name says which front-end reads it. */
export interface FuzzCase {
  readonly file: 'fuzz.masq' | 'fuzz.yaml';
  readonly text: string;
  readonly schema?: SchemaSnapshot;
}

interface Seed extends FuzzCase {
  readonly name: string;
}

const SHOP_SCHEMA = JSON.parse(
  readFileSync(join(ROOT, 'test/cases/shop/schema.json'), 'utf8'),
) as SchemaSnapshot;

/**
 * A seed's schema file read as `masq check --schema FILE` reads it: a file the CLI refuses
 * (test/cases/hostile-schema) never reaches the compiler, so its spec is compiled against the
 * shop schema instead.
 */
async function seedSchema(dir: string | undefined): Promise<SchemaSnapshot> {
  const file = dir && join(dir, 'schema.json');
  if (!file || !existsSync(file)) return SHOP_SCHEMA;
  return (await loadSnapshotFile(file)).snapshot ?? SHOP_SCHEMA;
}

/** The valid and invalid examples the project ships: every test case input and the example spec. */
export const SEEDS: readonly Seed[] = await Promise.all(
  [
    { name: 'configs/examples/shop.masq', file: 'fuzz.masq' as const, dir: undefined },
    ...readdirSync(join(ROOT, 'test/cases')).flatMap((dir) =>
      ['input.masq', 'input.yaml']
        .filter((f) => existsSync(join(ROOT, 'test/cases', dir, f)))
        .map((f) => ({
          name: `test/cases/${dir}/${f}`,
          file: f.endsWith('.masq') ? ('fuzz.masq' as const) : ('fuzz.yaml' as const),
          dir: join(ROOT, 'test/cases', dir),
        })),
    ),
  ].map(async ({ name, file, dir }) => ({
    name,
    file,
    text: readFileSync(join(ROOT, name), 'utf8'),
    schema: await seedSchema(dir),
  })),
);

// ---------------------------------------------------------------------------------------------
// Generated specs: the DSL and the YAML own form, from the shop schema's tables and columns
// plus unknown names, with valid and invalid rules, settings and table items.

const name = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...SHOP_SCHEMA.tables.flatMap((t) => t.columns.map((c) => c.name))),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('emial', 'Name With Space', 'é', '東京', 'x'.repeat(70)),
  },
);
const tableName = fc.constantFrom('customers', 'orders', 'custmers', 'public.orders');
const number = fc.oneof(
  fc.integer({ min: -5, max: 200 }).map(String),
  fc.constantFrom('1e400', '-0', '2.5', '99999999999999999999999', '0.0000001', '1_000', '0x1F'),
  fc.double({ noNaN: false }).map(String),
);
const quoted = fc.oneof(
  fc.constantFrom('#', '*', 'x', '', 'ab', '"', '\\', 'é', '\u0000'),
  fc.string({ maxLength: 6 }),
);
const fieldType = fc.constantFrom(
  'email',
  'username',
  'full_name',
  'uuid',
  'ipv4',
  'date_of_birth',
  'phone',
  'nope',
);

/** A rule as [DSL text, YAML flow mapping text]. */
const rule: fc.Arbitrary<readonly [string, string]> = fc.oneof(
  fc
    .constantFrom('keep', 'nullify', 'hash_salt', 'redact', 'unknown_strategy')
    .map((s) => [s, s] as const),
  fc
    .tuple(fc.constantFrom('keep_first', 'keep_last', 'nope'), number)
    .map(
      ([p, n]) => [`redact(${p}: ${n})`, `{ strategy: redact, params: { ${p}: ${n} } }`] as const,
    ),
  fc
    .tuple(quoted, number)
    .map(
      ([c, n]) =>
        [
          `redact(char: ${JSON.stringify(c)}, keep_last: ${n})`,
          `{ strategy: redact, params: { char: ${JSON.stringify(c)}, keep_last: ${n} } }`,
        ] as const,
    ),
  fc
    .tuple(fieldType, fc.boolean())
    .map(
      ([f, u]) =>
        [
          `substitute(${f})${u ? ' unique' : ''}`,
          `{ strategy: substitute, params: { field_type: ${f} }${u ? ', unique: true' : ''} }`,
        ] as const,
    ),
  fc
    .tuple(fc.constantFrom('pct', 'abs', 'days', 'seconds'), number)
    .map(
      ([p, n]) => [`perturb(${p}: ${n})`, `{ strategy: perturb, params: { ${p}: ${n} } }`] as const,
    ),
  fc
    .oneof(
      quoted.map((q) => JSON.stringify(q)),
      number,
    )
    .map((v) => [`constant(${v})`, `{ strategy: constant, params: { value: ${v} } }`] as const),
  fc
    .constantFrom('SALT2', 'X')
    .map(
      (e) =>
        [
          `hash_salt(salt: env(${e}))`,
          `{ strategy: hash_salt, params: { salt: env(${e}) } }`,
        ] as const,
    ),
);

interface GenTable {
  readonly name: string;
  readonly key?: string;
  readonly columns: readonly (readonly [string, readonly [string, string]])[];
  readonly sample?: string;
  readonly where?: string;
  readonly limit?: string;
}

const table: fc.Arbitrary<GenTable> = fc.record(
  {
    name: tableName,
    key: name,
    columns: fc.array(fc.tuple(name, rule), { maxLength: 8 }),
    sample: number,
    where: fc.constantFrom(
      "created_at >= '2020-01-01'",
      'amount > 0',
      'id = 1; DELETE FROM t',
      "E'\\\\'",
    ),
    limit: number,
  },
  { requiredKeys: ['name', 'columns'] },
);

const settings = fc.record(
  {
    salt: fc.constantFrom('env(MASQ_SALT)', 'file("/run/salt")', '"literal-salt"'),
    batch: number,
    hash: fc.constantFrom('portable', 'fast', 'slow'),
    defaultKeep: fc.constant(true),
    skip: fc.array(tableName, { minLength: 1, maxLength: 2 }),
    skipOthers: fc.constant(true),
  },
  { requiredKeys: [] },
);

const spec = fc.record({ settings, tables: fc.array(table, { maxLength: 3 }), yaml: fc.boolean() });

type GenSpec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function dsl(s: GenSpec): string {
  const lines = [
    'source postgres env(SOURCE_URL) schema public',
    'target postgres env(TARGET_URL) schema masked',
    ...(s.settings.salt ? [`salt ${s.settings.salt}`] : []),
    ...(s.settings.batch ? [`batch ${s.settings.batch}`] : []),
    ...(s.settings.hash ? [`hash ${s.settings.hash}`] : []),
    ...(s.settings.defaultKeep ? ['default keep'] : []),
    ...(s.settings.skip ? [`skip table ${s.settings.skip.join(', ')}`] : []),
    ...(s.settings.skipOthers ? ['skip other tables'] : []),
  ];
  for (const t of s.tables) {
    lines.push(`table ${t.name} {`);
    if (t.key) lines.push(`  key ${t.key}`);
    for (const [c, [r]] of t.columns)
      lines.push(`  ${/^\w+$/.test(c) ? c : JSON.stringify(c)} ${r}`);
    if (t.sample) lines.push(`  sample ${t.sample}%`);
    if (t.where) lines.push(`  where ${JSON.stringify(t.where)}`);
    if (t.limit) lines.push(`  limit ${t.limit}`);
    lines.push('}');
  }
  return lines.join('\n') + '\n';
}

function yamlOwn(s: GenSpec): string {
  const lines = [
    'source: { engine: postgres, url: env(SOURCE_URL), schema: public }',
    'target: { engine: postgres, url: env(TARGET_URL), schema: masked }',
    ...(s.settings.salt ? [`salt: ${JSON.stringify(s.settings.salt)}`] : []),
    ...(s.settings.batch ? [`batch: ${s.settings.batch}`] : []),
    ...(s.settings.hash ? [`hash: ${s.settings.hash}`] : []),
    ...(s.settings.defaultKeep ? ['default: keep'] : []),
    ...(s.settings.skip ? [`skip tables: [${s.settings.skip.join(', ')}]`] : []),
    ...(s.settings.skipOthers ? ['skip other tables: true'] : []),
    'tables:',
  ];
  for (const t of s.tables) {
    lines.push(`  ${t.name}:`);
    if (t.key) lines.push(`    key: ${t.key}`);
    lines.push('    columns:');
    for (const [c, [, r]] of t.columns) lines.push(`      ${JSON.stringify(c)}: ${r}`);
    if (t.sample) lines.push(`    sample: ${t.sample}%`);
    if (t.where) lines.push(`    where: ${JSON.stringify(t.where)}`);
    if (t.limit) lines.push(`    limit: ${t.limit}`);
  }
  return lines.join('\n') + '\n';
}

export const generated: fc.Arbitrary<FuzzCase> = spec.map((s) =>
  s.yaml
    ? { file: 'fuzz.yaml', text: yamlOwn(s), schema: SHOP_SCHEMA }
    : { file: 'fuzz.masq', text: dsl(s), schema: SHOP_SCHEMA },
);

// ---------------------------------------------------------------------------------------------
// Mutations: characters and tokens inserted, deleted and replaced, lines spliced, line ends
// changed, truncation.

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  ':',
  ',',
  '"',
  "'",
  '#',
  '%',
  '@',
  '-',
  '- ',
  ': ',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '\u2028',
  '\uD800',
  '\uDFFF',
  'é',
  '東',
  '🎉',
  'ß',
  'table',
  'key',
  'where',
  'limit',
  'sample',
  'source',
  'target',
  'salt',
  'batch',
  'hash',
  'default',
  'keep',
  'unique',
  'env(',
  'file(',
  'postgres',
  'schema',
  'redact',
  'substitute',
  'perturb',
  'hash_salt',
  'nullify',
  'constant',
  'pct',
  'days',
  'keep_last',
  'field_type',
  '1e400',
  '-1e400',
  '99999999999999999999999999',
  '-3',
  '2.5',
  'NaN',
  'Infinity',
  '0x10',
  '.inf',
  '-.inf',
  '.nan',
  '~',
  'null',
  'true',
  '&a ',
  '*a',
  '!!str ',
  '!!binary ',
  '|',
  '>',
  '---',
  '...',
  '[',
  ']',
  '? ',
  '<<: ',
  '"\\u0000"',
  "'''",
  '"""',
  '\\',
  '/*',
  '*/',
  '--',
];

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; text: string }
  | { op: 'duplicateLine'; line: number }
  | { op: 'spliceLine'; from: number; line: number; at: number }
  | { op: 'dropLine'; line: number }
  | { op: 'lineEnds'; eol: string }
  | { op: 'truncate'; at: number };

const at = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: fragment }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      at,
      length: fc.integer({ min: 1, max: 12 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('replace' as const),
      at,
      length: fc.integer({ min: 1, max: 8 }),
      text: fragment,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), line: at }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('spliceLine' as const), from: at, line: at, at }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dropLine' as const), line: at }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('lineEnds' as const),
      eol: fc.constantFrom('\r\n', '\r', '\n\n'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
);

function apply(text: string, m: Mutation): string {
  const i =
    text.length === 0 ? 0 : m.op === 'lineEnds' ? 0 : ('at' in m ? m.at : 0) % (text.length + 1);
  const lines = text.split('\n');
  const line = 'line' in m ? m.line % lines.length : 0;
  switch (m.op) {
    case 'insert':
      return text.slice(0, i) + m.text + text.slice(i);
    case 'delete':
      return text.slice(0, i) + text.slice(i + m.length);
    case 'replace':
      return text.slice(0, i) + m.text + text.slice(i + m.length);
    case 'duplicateLine':
      return [...lines.slice(0, line + 1), ...lines.slice(line)].join('\n');
    case 'dropLine':
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
    case 'spliceLine': {
      const other = SEEDS[m.from % SEEDS.length]!.text.split('\n');
      return [...lines.slice(0, line), other[m.at % other.length]!, ...lines.slice(line)].join(
        '\n',
      );
    }
    case 'lineEnds':
      return text.replaceAll('\n', m.eol);
    case 'truncate':
      return text.slice(0, i);
  }
}

const start: fc.Arbitrary<FuzzCase> = fc.oneof(
  fc
    .constantFrom(...SEEDS)
    .map(({ file, text, schema }) => ({ file, text, ...(schema ? { schema } : {}) })),
  generated,
);

export const mutated: fc.Arbitrary<FuzzCase> = fc
  .tuple(start, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([c, ms, withSchema]) => {
    const text = ms.reduce(apply, c.text);
    // Half the cases are checked offline without a schema, as `masq check` does when none is known.
    return withSchema && c.schema
      ? { file: c.file, text, schema: c.schema }
      : { file: c.file, text };
  });

// ---------------------------------------------------------------------------------------------
// The runner: one worker thread compiles, so a case that hangs is stopped and reported.

export interface Failure {
  readonly kind: 'crash' | 'hang' | 'position';
  readonly detail: string;
  readonly case: FuzzCase;
}

export class Compiler {
  private worker = this.spawn();
  private next = 0;

  constructor(private readonly timeoutMs: number) {}

  private spawn(): Worker {
    return new Worker(new URL('./compile-worker.mjs', import.meta.url));
  }

  /** The diagnostics of one case, or why there are none: a crash, or no answer in time. */
  compile(
    c: FuzzCase,
  ): Promise<{ diagnostics: Diagnostic[] } | { crash: string } | { hang: true }> {
    const id = this.next++;
    const worker = this.worker;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        void worker.terminate();
        this.worker = this.spawn();
        resolve({ hang: true });
      }, this.timeoutMs);
      const onMessage = (m: { id: number; diagnostics?: Diagnostic[]; crash?: string }) => {
        if (m.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        resolve(m.crash !== undefined ? { crash: m.crash } : { diagnostics: m.diagnostics! });
      };
      worker.on('message', onMessage);
      worker.postMessage({ id, ...c });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Compiles a case and returns what is wrong with the outcome, if anything. */
export async function failuresOf(compiler: Compiler, c: FuzzCase): Promise<Failure[]> {
  const r = await compiler.compile(c);
  if ('hang' in r) return [{ kind: 'hang', detail: 'no answer in time', case: c }];
  if ('crash' in r) return [{ kind: 'crash', detail: r.crash, case: c }];
  return checkDiagnostics(c.text, c.file, r.diagnostics).map((detail) => ({
    kind: 'position' as const,
    detail,
    case: c,
  }));
}
