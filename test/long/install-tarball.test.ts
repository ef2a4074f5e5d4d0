import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/build.js';

/**
 * `npm pack`, then the tarball installed into an empty folder as a user would: it must hold
 * what the CLI reads at run time (dist/, templates, the example spec, the demo's schema) and
 * need no dev dependency (no build runs on install). The npm cache has every dependency since
 * `npm ci`; --prefer-offline uses it and goes to the registry only for what it lacks.
 */
const work = mkdtempSync(join(tmpdir(), 'masq-tarball-'));
const app = join(work, 'app');
const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_fund: 'false' },
  });
let files: string[];

beforeAll(() => {
  // dist/ is current (global setup rebuilt it): no need for `prepare` to build it again.
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  expect(packed.status, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "masq-user", "private": true }\n');
  const installed = npm(
    ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, info!.filename)],
    app,
  );
  expect(installed.status, installed.stderr).toBe(0);
});

describe('the packed tarball, installed into an empty folder', () => {
  it('holds what the CLI reads at run time, and no test', () => {
    for (const needed of [
      'bin/masq.js',
      'dist/src/cli/main.js',
      'templates/postgres/script.sql.hbs',
      'configs/examples/shop.masq',
      'src/demo/shop-schema.sql',
    ])
      expect(files).toContain(needed);
    expect(files.filter((f) => /^(test|bench|dist\/bench)\//.test(f) || f.endsWith('.ts'))).toEqual(
      [],
    );
  });

  it('gives node_modules/.bin/masq, which runs --help and the demo', () => {
    const bin = join(app, 'node_modules', '.bin', 'masq');
    const help = spawnSync(bin, ['--help'], { cwd: app, encoding: 'utf8' });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: masq \[options\] \[command\]/);
    const demo = spawnSync(bin, ['demo', '--customers', '100', '--orders', '300'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/^masq: \d+ rows in 2 tables/m);
    expect(readdirSync(join(app, 'node_modules'))).not.toContain('typescript');
  });
});
