import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/db/connection.js';
import { secretVariable } from '../../src/emit/mongodb/keyed-hash.js';
import { fieldLowering } from '../../src/emit/mongodb/lowering.js';
import { maskField } from '../../src/emit/mongodb/mask-field.js';
import { aggregateInProcess } from '../../src/exec/mongodb/in-process.js';
import type { ParamPlanValue } from '../../src/ir/plan.js';
import type { FieldType } from '../../src/strategies/field-types.js';
import { FIELD_TYPES } from '../../src/strategies/field-types.js';
import { fittedDictionary } from '../../src/strategies/fitted-dictionary.js';
import { STRATEGIES } from '../../src/strategies/registry.js';
import { ENGINES } from '../support/engines.js';
import { maskValues } from '../support/mask-values.js';
import { SALT } from './texts.js';

/** Strings where code units, code points and bytes differ, the empty one and a long one. */
const INPUTS: readonly (string | null)[] = [
  'alice@example.com',
  'Zoë Ångström',
  '名前テスト',
  '🦄🦄 astral 𝄞',
  'a🦄',
  'ab',
  '',
  '$email',
  "quote ' and \\ backslash",
  null,
  'x'.repeat(5000) + '🦄',
];

const SECOND_SECRET = 'second ü secret';

/** Each rule as a spec writes it and as the plan holds it; perturb has no MongoDB lowering. */
const RULES: readonly {
  spec: string;
  strategy: string;
  params?: Record<string, ParamPlanValue>;
  unique?: true;
}[] = [
  { spec: 'keep', strategy: 'keep' },
  { spec: 'nullify', strategy: 'nullify' },
  { spec: 'constant("Ünknown 🦄")', strategy: 'constant', params: { value: 'Ünknown 🦄' } },
  { spec: 'redact', strategy: 'redact' },
  { spec: 'redact(keep_last: 4)', strategy: 'redact', params: { keep_last: 4 } },
  { spec: 'redact(keep_first: 1)', strategy: 'redact', params: { keep_first: 1 } },
  {
    spec: 'redact(keep_first: 1, keep_last: 2, char: "🦄")',
    strategy: 'redact',
    params: { keep_first: 1, keep_last: 2, char: '🦄' },
  },
  { spec: 'redact(char: "$")', strategy: 'redact', params: { char: '$' } },
  { spec: 'substitute(email)', strategy: 'substitute', params: { field_type: 'email' } },
  {
    spec: 'substitute(email) unique',
    strategy: 'substitute',
    params: { field_type: 'email' },
    unique: true,
  },
  {
    spec: 'substitute(city) unique',
    strategy: 'substitute',
    params: { field_type: 'city' },
    unique: true,
  },
  { spec: 'substitute(uuid)', strategy: 'substitute', params: { field_type: 'uuid' } },
  { spec: 'hash_salt', strategy: 'hash_salt' },
  {
    spec: 'hash_salt(salt: env(MASQ_SECOND))',
    strategy: 'hash_salt',
    params: { salt: { secret: 1 } },
  },
];

/** A text field has no width, so a plan's dictionaries are the whole ones, by field type. */
const DICTIONARIES = Object.fromEntries(
  FIELD_TYPES.map((t: FieldType) => [t, fittedDictionary(t, undefined)!]),
);

/** The masked `v` of each input through the strategy's MongoDB lowering, in mingo. */
function inProcess(rule: (typeof RULES)[number]): (string | null)[] {
  const strategy = STRATEGIES.get(rule.strategy)!;
  const ctx = fieldLowering({ dictionaries: DICTIONARIES }, 'v', '$v');
  const expression = maskField(strategy, { params: rule.params ?? {}, unique: !!rule.unique }, ctx);
  const docs = INPUTS.map((v, i) => ({ _id: i, v }));
  const out = aggregateInProcess([{ $set: { v: expression } }], docs, {
    [secretVariable(0)]: SALT,
    [secretVariable(1)]: SECOND_SECRET,
  });
  return out.map((d) => d.v as string | null);
}

describe('the MongoDB lowerings, in-process', () => {
  it('cover every strategy but perturb, which says it has none yet', () => {
    const covered = new Set(RULES.map((r) => r.strategy));
    expect([...STRATEGIES.keys()].filter((name) => !covered.has(name))).toEqual(['perturb']);
    const ctx = fieldLowering({ dictionaries: {} }, 'v', '$v');
    expect(() =>
      STRATEGIES.get('perturb')!.lowerMongo({ params: { pct: 5 }, unique: false }, ctx),
    ).toThrow(/perturb has no MongoDB lowering yet/);
  });

  it.each(RULES.map((r) => [r.spec, r] as const))(
    '%s: a missing field stays missing, a null stays null unless the strategy writes NULLs',
    (_spec, rule) => {
      const strategy = STRATEGIES.get(rule.strategy)!;
      const ctx = fieldLowering({ dictionaries: DICTIONARIES }, 'v', '$v');
      const expression = maskField(
        strategy,
        { params: rule.params ?? {}, unique: !!rule.unique },
        ctx,
      );
      const [missing, nulled] = aggregateInProcess(
        [{ $set: { v: expression } }],
        [{ _id: 1 }, { _id: 2, v: null }],
        { [secretVariable(0)]: SALT, [secretVariable(1)]: SECOND_SECRET },
      );
      expect(missing).toEqual({ _id: 1 });
      expect(nulled).toEqual({ _id: 2, v: strategy.keepsNull ? null : rule.params?.value });
    },
  );
});

for (const engine of ENGINES)
  describe(`every strategy, mingo against masq's SQL on ${engine.name}`, () => {
    let conn: Connection;
    beforeAll(async () => {
      conn = await engine.open();
    });
    afterAll(() => conn.close());

    it.each(RULES.map((r) => [r.spec, r] as const))(
      '%s: byte-identical outputs for ASCII, Unicode, astral, empty, NULL and long texts',
      async (_spec, rule) => {
        const postgres = await maskValues(conn, {
          type: 'text',
          rule: rule.spec,
          values: INPUTS,
          salt: SALT,
          // A run binds exactly the secrets its rules name.
          moreSecrets: rule.params?.salt ? [SECOND_SECRET] : [],
          hashMode: 'portable',
        });
        expect(inProcess(rule)).toEqual(postgres);
      },
    );
  });
