import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite.js';
import { createShop } from '../../src/demo/shop-data.js';
import { masq } from '../support/cli.js';

/**
 * The salt is a secret: it is read from the environment at run time and must not reach the
 * plan, the script, the terminal, the JSON progress or the target database's files.
 */
const SALT = 'SALT-canary-7f3a9c';
const SEEN_AS = [SALT, Buffer.from(SALT).toString('hex'), Buffer.from(SALT).toString('base64')];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function expectNoSalt(where: string, text: string | Buffer): void {
  const haystack = Buffer.isBuffer(text) ? text.toString('latin1') : text;
  for (const form of SEEN_AS) expect(haystack.includes(form), `${form} in ${where}`).toBe(false);
}

describe('the salt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'masq-secret-'));
  const data = join(dir, 'db');
  const out = join(dir, 'out');
  const url = `pglite://${data}`;
  const env = { MASQ_SALT: SALT };
  let run: ReturnType<typeof masq>;

  beforeAll(async () => {
    const conn = await openPglite(url);
    await createShop(conn, { customers: 500, orders: 1000 });
    await conn.close();
    const compile = masq(
      ['compile', 'configs/examples/shop.masq', '--source', url, '--out', out],
      env,
    );
    expect(compile.status, compile.stderr).toBe(0);
    run = masq(
      ['run', join(out, 'shop.plan.json'), '--source', url, '--target', url, '--json'],
      env,
    );
    expect(run.status, run.stderr).toBe(0);
  });

  it('is used: the run masked rows with it', () => {
    const summary = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; rows?: number })
      .find((e) => e.kind === 'summary');
    expect(summary?.rows).toBeGreaterThan(1000);
  });

  it('appears in no compiled output', () => {
    for (const file of filesUnder(out)) expectNoSalt(file, readFileSync(file));
  });

  it('appears in no output of compile or run', () => {
    expectNoSalt('run stdout', run.stdout);
    expectNoSalt('run stderr', run.stderr);
  });

  it('appears in no file of the database masq wrote to', () => {
    const files = filesUnder(data);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expectNoSalt(file, readFileSync(file));
  });
});
