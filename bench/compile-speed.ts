import type { SchemaSnapshot, TableSchema } from '../src/catalog/snapshot.js';
import { analyze } from '../src/analyze/index.js';
import { buildProgram } from '../src/emit/postgres/program.js';
import { renderScript } from '../src/emit/postgres/script.js';
import { parseMasq } from '../src/frontend/masq/index.js';
import { serializePlan } from '../src/ir/serialize.js';

const RULES: readonly [string, string, string][] = [
  ['id', 'bigint', 'keep'],
  ['name', 'text', 'substitute(full_name)'],
  ['email', 'text', 'substitute(email) unique'],
  ['phone', 'text', 'redact(keep_last: 4)'],
  ['salary', 'numeric(10,2)', 'perturb(pct: 10)'],
  ['born', 'date', 'perturb(days: 90)'],
  ['device', 'text', 'hash_salt'],
  ['notes', 'text', 'nullify'],
  ['tier', 'text', 'constant("basic")'],
  ['city', 'text', 'substitute(city)'],
];
const CATEGORY: Record<string, 'integer' | 'text' | 'decimal' | 'date'> = {
  bigint: 'integer',
  text: 'text',
  'numeric(10,2)': 'decimal',
  date: 'date',
};

/** Seconds to compile a generated spec of `n` tables: text → plan → plan file and psql script. */
export async function benchCompile(n: number): Promise<{ tables: number; seconds: number }> {
  const tables: TableSchema[] = Array.from({ length: n }, (_, i) => ({
    name: `t${i}`,
    partitioned: false,
    columns: RULES.map(([name, type]) => ({
      name,
      type,
      category: CATEGORY[type]!,
      notNull: name === 'id',
    })),
    primaryKey: ['id'],
    uniqueKeys: [['id'], ['email']],
    constraints: [{ name: `t${i}_pkey`, kind: 'primary', definition: 'PRIMARY KEY (id)' }],
    indexes: [],
  }));
  const snapshot: SchemaSnapshot = { format: 'masq-schema', version: 1, schema: 'public', tables };
  const text = [
    'salt env(MASQ_SALT)',
    ...tables.map(
      (t) => `table ${t.name} {\n${RULES.map(([c, , r]) => `  ${c} ${r}`).join('\n')}\n}`,
    ),
  ].join('\n');
  const started = performance.now();
  const parsed = parseMasq(text, 'generated.masq');
  const { plan, diagnostics } = analyze(parsed.spec!, snapshot, 'generated');
  if (!plan || diagnostics.some((d) => d.severity === 'error'))
    throw new Error(`generated spec rejected: ${diagnostics.map((d) => d.message).join('; ')}`);
  serializePlan(plan);
  renderScript(buildProgram(plan), 'out/generated.pg.sql');
  return { tables: n, seconds: (performance.now() - started) / 1000 };
}
