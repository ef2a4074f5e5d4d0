import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypeCategory } from '../../src/catalog/snapshot.js';
import type { Connection } from '../../src/db/connection.js';
import { STRATEGIES } from '../../src/strategies/registry.js';
import { ENGINES } from '../support/engines.js';
import { maskValues } from '../support/mask-values.js';
import { ROWS, strategyOf } from './strategy-rows.js';

/**
 * What the registry promises, checked by running it: every strategy, on a column of every
 * category, either is refused by the compiler as not applying to the column, or compiles to SQL
 * that runs on PostgreSQL, keeps the row and treats NULL as the strategy declares.
 */

/** A column type of each category and one value of it. */
const CATEGORIES: Readonly<Record<TypeCategory, { type: string; value: string }>> = {
  text: { type: 'text', value: 'Zoë Test' },
  integer: { type: 'integer', value: '42' },
  decimal: { type: 'numeric(10,2)', value: '12.50' },
  float: { type: 'double precision', value: '1.5' },
  date: { type: 'date', value: '2020-02-29' },
  timestamp: { type: 'timestamp', value: '2020-02-29 12:34:56' },
  timestamptz: { type: 'timestamptz', value: '2020-02-29 12:34:56+00' },
  boolean: { type: 'boolean', value: 'true' },
  uuid: { type: 'uuid', value: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' },
  inet: { type: 'inet', value: '192.168.0.1' },
  enum: { type: 'masq_registry_mood', value: 'calm' },
  json: { type: 'jsonb', value: '[1, 2]' },
  other: { type: 'bytea', value: 'abc' },
};

/**
 * Rules that exercise each strategy's parameters; a strategy added to the registry needs an
 * entry here, or the first test fails. `constant` writes the column's own sample value.
 */
const SAMPLE_RULES: Readonly<Record<string, (value: string) => readonly string[]>> = {
  redact: () => ['redact', 'redact(keep_first: 1, keep_last: 2, char: "#")'],
  substitute: () => [
    'substitute(email)',
    'substitute(email) unique',
    'substitute(uuid)',
    'substitute(ipv4)',
    'substitute(date_of_birth)',
  ],
  perturb: () => [
    'perturb(pct: 10)',
    'perturb(abs: 2)',
    'perturb(days: 3)',
    'perturb(seconds: 60)',
  ],
  hash_salt: () => ['hash_salt'],
  nullify: () => ['nullify'],
  constant: (value) => [`constant("${value}")`],
  keep: () => ['keep'],
};

/** The codes by which the compiler says a rule does not apply to a column's type. */
const NOT_FOR_THIS_COLUMN = /error (MASQ021|MASQ022):/;

describe('the strategy registry', () => {
  it('has sample rules for exactly the registered strategies', () => {
    expect(Object.keys(SAMPLE_RULES).sort()).toEqual([...STRATEGIES.keys()].sort());
  });

  it('has a PostgreSQL and a MongoDB lowering for every strategy', () => {
    const lacking = [...STRATEGIES.values()].flatMap((s) => [
      ...(typeof s.lowerPostgres === 'function' ? [] : [`${s.name}: lowerPostgres`]),
      ...(typeof s.lowerMongo === 'function' ? [] : [`${s.name}: lowerMongo`]),
    ]);
    expect(lacking).toEqual([]);
  });

  it('has every strategy documented in the README strategy table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('| strategy | params | output |'));
    const documented = new Set([...table.matchAll(/^\| `(\w+)[^`]*` \|/gm)].map((m) => m[1]!));
    expect([...STRATEGIES.keys()].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('has every strategy exercised by the strategy table', () => {
    const exercised = new Set(ROWS.map((r) => strategyOf(r.rule)));
    const missing = [...STRATEGIES.keys()].filter((name) => !exercised.has(name));
    expect(missing).toEqual([]);
  });

  it('has no table row naming a strategy the registry lacks', () => {
    const unknown = ROWS.map((r) => strategyOf(r.rule)).filter((name) => !STRATEGIES.has(name));
    expect(unknown).toEqual([]);
  });
});

// PGlite is enough here: the strategy table compares the server with it row for row.
const engine = ENGINES[0]!;

/**
 * The categories each strategy applies to, as README states: the compiler must accept its
 * sample rules on exactly these and refuse them elsewhere.
 */
const ALL = Object.keys(CATEGORIES) as TypeCategory[];
const APPLIES_TO: Readonly<Record<string, readonly TypeCategory[]>> = {
  redact: ['text'],
  substitute: ['text', 'date', 'uuid', 'inet'],
  perturb: ['integer', 'decimal', 'float', 'date', 'timestamp', 'timestamptz'],
  hash_salt: ['text'],
  nullify: ALL,
  constant: ALL,
  keep: ALL,
};

describe(`every strategy on every column category, on ${engine.name}`, () => {
  let conn: Connection;

  beforeAll(async () => {
    conn = await engine.open();
    await conn.exec(`CREATE TYPE public.masq_registry_mood AS ENUM ('calm', 'angry')`);
  });
  afterAll(async () => {
    await conn?.exec('DROP TYPE IF EXISTS public.masq_registry_mood');
    await conn?.close();
  });

  for (const [name, strategy] of STRATEGIES) {
    it(`${name}: runs on PostgreSQL for every category it applies to, keeps NULL as declared, is refused elsewhere`, async () => {
      const accepted = new Set<TypeCategory>();
      const failures: string[] = [];
      for (const [category, { type, value }] of Object.entries(CATEGORIES) as [
        TypeCategory,
        { type: string; value: string },
      ][]) {
        for (const rule of SAMPLE_RULES[name]?.(value) ?? []) {
          for (const hashMode of ['portable', 'fast'] as const) {
            const at = `${rule} on ${type}, hash ${hashMode}`;
            let out: (string | null)[];
            try {
              out = await maskValues(conn, {
                type,
                rule,
                values: [value, null],
                salt: 's',
                hashMode,
              });
            } catch (e) {
              const message = (e as Error).message;
              // A refusal must say the rule does not fit the column; anything else is a failure.
              if (!message.startsWith('spec rejected') || !NOT_FOR_THIS_COLUMN.test(message))
                failures.push(`${at}: ${message}`);
              // The hash mode does not change what a rule applies to: one refusal is enough.
              break;
            }
            accepted.add(category);
            if (strategy.keepsNull !== (out[1] === null))
              failures.push(`${at}: NULL became ${out[1]} (keepsNull: ${strategy.keepsNull})`);
            if ((name === 'nullify') !== (out[0] === null))
              failures.push(`${at}: ${value} became ${out[0]}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect([...accepted].sort()).toEqual([...(APPLIES_TO[name] ?? [])].sort());
    });
  }
});
