import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { masq } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'masq-nostack-'));
/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s+at .*:\d+:\d+\)?$/m;

describe('no stack trace reaches the user from compile', () => {
  it('a NUL in a YAML string is refused with a position, nothing written', () => {
    const out = join(dir, 'out-nul');
    const r = masq([
      'compile',
      'test/cases/nul-yaml/input.yaml',
      '--schema',
      'test/cases/nul-yaml/schema.json',
      '--out',
      out,
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^test\/cases\/nul-yaml\/input\.yaml:6:12: error MASQ026:/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a schema file that is not JSON is a positioned error, nothing written', () => {
    const schema = join(dir, 'broken.json');
    writeFileSync(schema, '{ not json');
    const out = join(dir, 'out-broken');
    const r = masq(['compile', 'test/cases/shop/input.masq', '--schema', schema, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.json:1:3: error MASQ061: not JSON/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });

  it('an output folder that cannot be made is one line, exit 1, no stack', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const r = masq([
      'compile',
      'test/cases/shop/input.masq',
      '--schema',
      'test/cases/shop/schema.json',
      '--out',
      join(blocker, 'out'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^masq: error MASQ090: cannot write the outputs into .*a-file\/out: ENOTDIR/,
      ),
    ]);
  });
});
