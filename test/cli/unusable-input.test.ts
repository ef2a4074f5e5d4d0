import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { masq } from '../support/cli.js';

/**
 * Input masq cannot use, outside the spec: a connection URL of another scheme, an `--out` that
 * cannot be written. Each is one line with its code, exit 1 (invalid input, as the README's
 * exit codes say), no stack trace, no password and no file half-written.
 */
const dir = mkdtempSync(join(tmpdir(), 'masq-unusable-'));
const PASSWORD = 'pw-scheme-93bd';
const SPEC = 'test/cases/shop/input.masq';
const SCHEMA = 'test/cases/shop/schema.json';
const PLAN = join(dir, 'out', 'input.plan.json');

beforeAll(() => {
  const compiled = masq(['compile', SPEC, '--schema', SCHEMA, '--out', join(dir, 'out')]);
  expect(compiled.status, compiled.stderr).toBe(0);
});

describe.each([
  ['mysql', `mysql://app:${PASSWORD}@db.internal/shop`],
  ['http', `http://app:${PASSWORD}@db.internal/shop`],
  ['a libpq key/value string', `host=db.internal password=${PASSWORD}`],
])('a %s URL', (_kind, url) => {
  const expectRefused = (r: ReturnType<typeof masq>) => {
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).not.toContain(PASSWORD);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^masq: error MASQ091: unsupported connection URL ".*\*\*\*.*": masq connects to postgres:\/\/… or postgresql:\/\/… \(a PostgreSQL server\), pglite:\/\/DIR or pglite:memory/,
      ),
    ]);
  };

  it('as the source of masq run: invalid input, exit 1', () => {
    expectRefused(masq(['run', SPEC, '--source', url, '--target', 'pglite:memory']));
  });

  it('as the target of masq run (the plan compiled from a snapshot)', () => {
    expectRefused(
      masq(['run', PLAN, '--source', 'pglite:memory', '--target', url], {
        MASQ_SALT: 'salt-unusable-1',
      }),
    );
  });

  it('for masq check and masq schema', () => {
    expectRefused(masq(['check', SPEC, '--source', url]));
    expectRefused(masq(['schema', '--source', url]));
  });
});

describe('an --out that cannot be written', () => {
  const compile = (out: string) => masq(['compile', SPEC, '--schema', SCHEMA, '--out', out]);
  const oneLine = (r: ReturnType<typeof masq>, reason: RegExp) => {
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(`^masq: error MASQ090: cannot write the outputs into .*: ${reason.source}`),
      ),
    ]);
  };

  it('a file where the directory should be', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'mine');
    oneLine(compile(file), /EEXIST/);
  });

  it('a directory below a file: it cannot be made', () => {
    const file = join(dir, 'another-file');
    writeFileSync(file, 'mine');
    oneLine(compile(join(file, 'out')), /ENOTDIR/);
  });

  it('the second output cannot be written: the first is not left behind', () => {
    const out = join(dir, 'half');
    // A directory in the way of the script's temporary file: its write fails after the plan's.
    mkdirSync(join(out, 'input.pg.sql.tmp'), { recursive: true });
    oneLine(compile(out), /EISDIR/);
    expect(readdirSync(out)).toEqual(['input.pg.sql.tmp']);
    expect(existsSync(join(out, 'input.plan.json'))).toBe(false);
  });
});
