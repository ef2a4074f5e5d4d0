import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../src/cli/environments.js';
import { masq } from '../support/cli.js';
import { at } from '../support/text-position.js';

const dir = mkdtempSync(join(tmpdir(), 'masq-env-'));

function fileWith(text: string): string {
  const file = join(dir, `env-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** What loading `dev` from the file says, or its overrides. */
function load(text: string, env: NodeJS.ProcessEnv = {}) {
  const file = fileWith(text);
  try {
    return { file, overrides: loadEnvironment('dev', file, env) };
  } catch (e) {
    return { file, message: (e as Error).message };
  }
}

const dev = (settings: string) => `environments:\n  dev:\n${settings}`;

describe('environment files are checked like specs, with positions', () => {
  it.each([
    ['    batch: -3\n', '-3', 'MASQ004: batch must be a whole number, 1 or more, found -3'],
    ['    batch: 2.5\n', '2.5', 'MASQ004: batch must be a whole number, 1 or more, found 2.5'],
    ['    batch: "500"\n', '"500"', 'MASQ004: batch must be a whole number, 1 or more'],
    ['    batch: .inf\n', '.inf', 'MASQ025: .inf is infinite'],
    ['    sample: 0\n', '0', 'MASQ004: sample must be more than 0% and at most 100%, got 0%'],
    ['    sample: 150%\n', '150%', 'MASQ004: sample must be more than 0% and at most 100%'],
    ['    sample: lots\n', 'lots', 'MASQ004: sample must be a percentage'],
    ['    source: [a]\n', '[a]', 'MASQ004: source must be a non-empty string, found a list'],
    [
      '    batc: 100\n',
      'batc',
      'MASQ006: unknown setting "batc" in environment dev (did you mean "batch"?)',
    ],
  ])('%j is refused at the value', (settings, needle, message) => {
    const text = dev(settings);
    const { file, message: said } = load(text);
    const { line, column } = at(text, needle);
    expect(said).toContain(`${file}:${line}:${column}: error ${message}`);
  });

  it('a mistake in another environment is found too', () => {
    const text = `${dev('    batch: 100\n')}  staging:\n    batch: 0\n`;
    const { file, message } = load(text);
    const { line, column } = at(text, '0\n', 1);
    expect(message).toContain(`${file}:${line}:${column}: error MASQ004: batch must be`);
  });

  it('an unknown top-level key gets a suggestion', () => {
    const text = 'enviroments:\n  dev: {}\n';
    const { file, message } = load(text);
    expect(message).toContain(`${file}:1:1: error MASQ006: unknown setting "enviroments"`);
    expect(message).toContain('(did you mean "environments"?)');
  });

  it('an unset variable is named at the value that needs it', () => {
    const text = dev('    source: ${DEV_SRC}\n');
    const { file, message } = load(text);
    const { line, column } = at(text, '${DEV_SRC}');
    expect(message).toContain(
      `${file}:${line}:${column}: error MASQ031: environment "dev" needs DEV_SRC`,
    );
  });

  it('a valid environment gives its overrides', () => {
    const text = dev('    source: ${SRC}/db\n    sample: 10%\n    batch: 500\n');
    expect(load(text, { SRC: 'postgres://h' }).overrides).toEqual({
      sourceUrl: 'postgres://h/db',
      sample: 10,
      batchSize: 500,
    });
  });
});

describe('masq --env with a bad environment file', () => {
  it('prints the positioned diagnostics as editors read them, exits 1', () => {
    const text = dev('    batch: -3\n');
    const file = fileWith(text);
    const r = masq(['check', 'test/cases/shop/input.masq', '--env', 'dev', '--env-file', file]);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      `${file}:3:12: error MASQ004: batch must be a whole number, 1 or more, found -3`,
    );
  });
});
