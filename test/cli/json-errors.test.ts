import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { masq } from '../support/cli.js';

/**
 * `masq run --json` prints JSON lines on stdout, failures included: a consumer parses every
 * line and finds each error's code, message and position. stderr keeps the text for a person.
 */
const dir = mkdtempSync(join(tmpdir(), 'masq-json-'));

function jsonRun(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = masq(['run', ...args, '--json'], env);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  return { ...r, events: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('errors under --json', () => {
  it('a spec with errors: one event per diagnostic, with its position', () => {
    const spec = join(dir, 'bad.masq');
    writeFileSync(
      spec,
      'source postgres env(SOURCE_URL) schema public\ntarget postgres env(TARGET_URL) schema masked\n' +
        'table orders {\n  key id\n  card_number redact(keep_last 4)\n}\n',
    );
    const r = jsonRun([spec, '--source', 'pglite:memory', '--target', 'pglite:memory']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.masq:5:32: error MASQ002:');
    expect(r.events).toEqual([
      {
        kind: 'error',
        code: 'MASQ002',
        message: expect.any(String),
        position: { file: spec, line: 5, column: 32, endLine: 5, endColumn: expect.any(Number) },
      },
    ]);
  });

  it('a failure with a code (an unsupported URL): code, message, no position, exit code', () => {
    const r = jsonRun([
      'test/cases/shop/input.masq',
      '--source',
      'mysql://app:pw-json-7a1c@db/shop',
      '--target',
      'pglite:memory',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^masq: error MASQ091: /);
    expect(r.stdout + r.stderr).not.toContain('pw-json-7a1c');
    expect(r.events).toEqual([
      {
        kind: 'error',
        code: 'MASQ091',
        message: expect.stringMatching(
          /^unsupported connection URL "mysql:\/\/app:\*\*\*@db\/shop"/,
        ),
        position: null,
        exitCode: 1,
      },
    ]);
  });

  it('a bad flag, refused before any command runs: JSON too, and no help text', () => {
    const r = jsonRun(['out/none.plan.json', '--batch-size', 'x']);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('Usage:');
    expect(r.events).toEqual([
      {
        kind: 'error',
        code: null,
        message: expect.stringContaining("'--batch-size <n>' argument 'x' is invalid"),
        position: null,
        exitCode: 1,
      },
    ]);
  });

  it('a plan file that cannot be read: its one line as a JSON event', () => {
    const r = jsonRun([join(dir, 'missing.plan.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^masq: cannot read /);
    expect(r.events).toEqual([
      expect.objectContaining({
        kind: 'error',
        code: null,
        message: expect.stringMatching(/^cannot read /),
      }),
    ]);
  });
});
