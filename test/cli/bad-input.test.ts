import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { masq } from '../support/cli.js';

/**
 * Bad input through the CLI as a user meets it: every error positioned, exit code 1, and no
 * file written. The golden cases pin the exact messages; this pins the behaviour around them.
 */
const SHOP_SCHEMA = 'test/cases/shop/schema.json';
let dir: string;
let out: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'masq-bad-'));
  out = join(dir, 'out');
});

function spec(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const HEADER = [
  'source postgres env(SOURCE_URL) schema public',
  'target postgres env(TARGET_URL) schema masked',
  '',
].join('\n');

/** `file:line:col: error CODE` lines of stderr. */
const positions = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => / error MASQ\d{3}:/.test(l))
    .map((l) => /^(.*?):(\d+):(\d+): error (MASQ\d{3})/.exec(l)?.slice(1));

describe.each([
  [
    'malformed DSL',
    'bad.masq',
    HEADER + 'table orders {\n  key id\n  card_number redact(keep_last 4)\n  amount keep\n}\n',
    [['bad.masq', '5', '32', 'MASQ002']],
  ],
  [
    'unknown table',
    'table.masq',
    HEADER + 'table order {\n  key id\n}\n',
    [['table.masq', '3', '7', 'MASQ010']],
  ],
  [
    'unknown column and unknown strategy',
    'column.masq',
    HEADER + 'table orders {\n  key id\n  card_numbr redact\n  amount perturbe(pct: 5)\n}\n',
    [
      ['column.masq', '3', '7', 'MASQ020'],
      ['column.masq', '5', '3', 'MASQ011'],
      ['column.masq', '6', '10', 'MASQ012'],
    ],
  ],
  [
    'wrong parameter type',
    'param.masq',
    HEADER + 'table orders {\n  key id\n  card_number redact(keep_last: "4")\n  amount keep\n}\n',
    [['param.masq', '5', '22', 'MASQ014']],
  ],
  [
    'malformed YAML',
    'bad.yaml',
    'source: { engine: postgres, url: env(SOURCE_URL), schema: public\ntables: [\n',
    [
      ['bad.yaml', '2', '1', 'MASQ003'],
      ['bad.yaml', '3', '1', 'MASQ003'],
    ],
  ],
  [
    'YAML with a wrong parameter type',
    'param.yaml',
    [
      'source: { engine: postgres, url: env(SOURCE_URL), schema: public }',
      'target: { engine: postgres, url: env(TARGET_URL), schema: masked }',
      'tables:',
      '  orders:',
      '    key: id',
      '    columns:',
      '      card_number: { strategy: redact, params: { keep_last: four } }',
      '      amount: keep',
      '',
    ].join('\n'),
    [['param.yaml', '7', '50', 'MASQ014']],
  ],
])('%s', (_what, name, text, expected) => {
  it('is reported with file, line and column by check and by compile, and nothing is written', () => {
    const file = spec(name, text);
    for (const args of [
      ['check', file, '--schema', SHOP_SCHEMA],
      ['compile', file, '--schema', SHOP_SCHEMA, '--out', out],
    ]) {
      const r = masq(args);
      expect(r.status, r.stderr).toBe(1);
      const found = positions(r.stderr).map((p) => [p![0]!.replace(`${dir}/`, ''), ...p!.slice(1)]);
      expect(found).toEqual(expected);
      // The source line is quoted under the message, with a caret under the column.
      expect(r.stderr).toMatch(/\n\s*\d+ \| .*\n\s*\| +\^/);
      expect(r.stderr).toContain('nothing was written');
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('compile over earlier outputs', () => {
  it('leaves the previous plan and script untouched when the spec has become invalid', () => {
    const file = spec(
      'shop.masq',
      HEADER + 'default keep\ntable orders {\n  key id\n  card_number redact(keep_last: 4)\n}\n',
    );
    const first = masq(['compile', file, '--schema', SHOP_SCHEMA, '--out', out]);
    expect(first.status, first.stderr).toBe(0);
    const before = readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]);
    expect(before.map(([f]) => f).sort()).toEqual(['shop.pg.sql', 'shop.plan.json']);

    writeFileSync(file, HEADER + 'table orders {\n  key id\n  card_number redakt\n}\n');
    const second = masq(['compile', file, '--schema', SHOP_SCHEMA, '--out', out]);
    expect(second.status).toBe(1);
    expect(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')])).toEqual(before);
  });
});

describe('plans and run-time inputs', () => {
  function compileShop(): string {
    const r = masq([
      'compile',
      'configs/examples/shop.masq',
      '--schema',
      SHOP_SCHEMA,
      '--out',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    return join(out, 'shop.plan.json');
  }

  it('refuses a plan file edited after compiling', () => {
    const planFile = compileShop();
    const text = readFileSync(planFile, 'utf8');
    writeFileSync(planFile, text.replace('"keep_last": 4', '"keep_last": 0'));
    const r = masq(['run', planFile, '--source', 'pglite:memory', '--target', 'pglite:memory'], {
      MASQ_SALT: 'x',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/hash/i);
  });

  it('names the unset salt variable, before connecting anywhere', () => {
    const planFile = compileShop();
    const env = { ...process.env };
    delete env.MASQ_SALT;
    const url = 'postgres://127.0.0.1:1/x';
    const r = masq(['run', planFile, '--source', url, '--target', url], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error MASQ031: the salt comes from MASQ_SALT, which is not set');
  });

  it('rejects a batch size that is not a positive integer', () => {
    const r = masq(['run', 'configs/examples/shop.masq', '--batch-size', '0']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("option '--batch-size <n>' argument '0' is invalid");
  });

  it('names an unknown environment and the ones there are', () => {
    const r = masq(['check', 'configs/examples/shop.masq', '--env', 'prod']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/MASQ043.*"prod"/);
    expect(r.stderr).toMatch(/dev/);
  });
});

describe('--help', () => {
  it.each([
    ['check', ['--env']],
    ['compile', ['--out', '--schema', '--source', 'psql']],
    ['run', ['--source', '--target', '--batch-size', '--json', 'continues where it was']],
    ['schema', ['--source']],
    ['demo', []],
  ])('masq %s --help explains its options with an example', (command, words) => {
    const r = masq([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: masq ${command}`);
    for (const w of words) expect(r.stdout).toContain(w);
  });

  it('masq --help lists every command', () => {
    const r = masq(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['check', 'compile', 'run', 'schema', 'demo']) expect(r.stdout).toContain(c);
  });
});
