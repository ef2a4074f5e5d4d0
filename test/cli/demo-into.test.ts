import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { masq } from '../support/cli.js';

/**
 * The README's PGlite walk-through from a fresh clone: `masq demo --into DIR` leaves the shop in
 * pglite://DIR, and check, compile and run then work on it as the demo prints them. The run's
 * stderr is a pipe, as in a log or a CI job: progress comes as plain lines, not a redrawn bar.
 */
const SPEC = 'configs/examples/shop.masq';
const SALT = 'demo-into-salt-5e1f';
let dir: string;
let url: string;
let demo: ReturnType<typeof masq>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'masq-demo-into-'));
  url = `pglite://${join(dir, 'shop')}`;
  demo = masq(['demo', '--into', join(dir, 'shop'), '--customers', '300', '--orders', '2000']);
});

describe('masq demo --into DIR, then the other commands on it', () => {
  it('builds the shop there, unmasked, and says what to try next', () => {
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain(`built the shop in ${url}: 300 customers, 2000 orders`);
    expect(demo.stdout).toContain(`masq check ${SPEC} --source ${url}\n`);
    expect(demo.stdout).toContain(`masq run ${SPEC} --source ${url} --target ${url}\n`);
    expect(demo.stdout).not.toContain('masked.customers');
  });

  it('check and compile read the schema from the shop', () => {
    const check = masq(['check', SPEC, '--source', url]);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toBe(`${SPEC}: ok, 2 tables checked against ${url}\n`);
    const out = join(dir, 'out');
    const compile = masq(['compile', SPEC, '--source', url, '--out', out]);
    expect(compile.status, compile.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['shop.pg.sql', 'shop.plan.json']);
  });

  it('run of the compiled plan masks it, with progress as lines on a stderr that is no terminal', () => {
    const plan = join(dir, 'out', 'shop.plan.json');
    const run = masq(['run', plan, '--source', url, '--target', url, '--batch-size', '500'], {
      MASQ_SALT: SALT,
      // Every batch: the test asserts that progress lines come, not how often.
      MASQ_PROGRESS_EVERY_MS: '0',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('\r');
    const lines = run.stderr.split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(/^orders: 1000 of ~2000 rows so far, \d+ rows\/s$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^orders: 2000 rows in \d+\.\d\d s \(\d+ rows\/s\)$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^masq: \d+ rows in 2 tables, /));
  });

  it('run again with --json: only JSON lines, seconds rounded to the millisecond', () => {
    const run = masq(['run', SPEC, '--source', url, '--target', url, '--json'], {
      MASQ_SALT: SALT,
    });
    expect(run.status, run.stderr).toBe(0);
    const events = run.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { kind: string });
    expect(events.map((e) => e.kind)).toEqual(['snapshot', 'table-done', 'table-done', 'summary']);
    const seconds: number[] = [];
    JSON.stringify(events, (key, value: unknown) => {
      if (key === 'seconds') seconds.push(value as number);
      return value;
    });
    expect(seconds.length).toBeGreaterThan(3);
    for (const s of seconds) expect(Math.round(s * 1000) / 1000).toBe(s);
  });

  it('refuses a directory that holds something already: it builds a new shop', () => {
    const again = masq(['demo', '--into', join(dir, 'shop')]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^masq: error MASQ092: .*shop is not empty/);
  });
});
