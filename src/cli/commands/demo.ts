import type { Command } from 'commander';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { openPglite } from '../../db/pglite.js';
import { EXIT, MasqError } from '../../exec/errors.js';
import { runPlan } from '../../exec/run-plan.js';
import { packageRoot } from '../../util/package-root.js';
import { parsePositiveInt } from '../options.js';
import { reportDiagnostics } from '../print.js';
import { createReporter, summaryLine } from '../reporter.js';
import { printSideBySide } from '../../demo/show-rows.js';

const DEMO_URL = 'pglite:memory';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'build a sample shop in embedded PostgreSQL (PGlite), mask it with configs/examples/shop.masq, show before and after',
    )
    .option('--customers <n>', 'customers to generate', parsePositiveInt, 10_000)
    .option('--orders <n>', 'orders to generate', parsePositiveInt, 50_000)
    .option(
      '--into <dir>',
      'build the shop in pglite://DIR and leave it there unmasked, to try check, compile and run on',
    )
    .addHelpText(
      'after',
      '\nNo server and no set-up needed. Examples:\n  masq demo --customers 20000\n  masq demo --into .masq/shop',
    )
    .action(async (opts: { customers: number; orders: number; into?: string }) => {
      const out = process.stdout;
      const url = opts.into ? `pglite://${opts.into}` : DEMO_URL;
      if (opts.into) refuseUsedDirectory(opts.into);
      const t0 = performance.now();
      const db = await openPglite(url);
      const { createShop } = await import('../../demo/shop-data.js');
      await createShop(db, { customers: opts.customers, orders: opts.orders });
      const built = (performance.now() - t0) / 1000;
      out.write(
        `built the shop in ${opts.into ? url : 'PGlite'}: ${opts.customers} customers, ${opts.orders} orders (${built.toFixed(2)} s)\n`,
      );

      const spec = join(packageRoot(), 'configs', 'examples', 'shop.masq');
      if (opts.into) {
        await db.close();
        out.write(nextSteps(url, spec));
        return;
      }
      const t1 = performance.now();
      const compiled = await (
        await import('../compile-spec.js')
      ).compileSpec(spec, {
        overrides: {},
        connections: {},
        env: process.env,
        source: db,
      });
      if (reportDiagnostics(compiled.diagnostics, compiled.sources) || !compiled.plan) {
        process.exitCode = 1;
        return;
      }
      out.write(`compiled ${spec} in ${((performance.now() - t1) / 1000).toFixed(2)} s\n`);
      // A fixed, visible salt: this is sample data. Real runs take MASQ_SALT from the environment.
      const env = { ...process.env, MASQ_SALT: process.env.MASQ_SALT ?? 'masq-demo-salt' };
      const summary = await runPlan(compiled.plan, {
        sourceUrl: DEMO_URL,
        targetUrl: DEMO_URL,
        env,
        report: createReporter({ stream: process.stdout }),
        open: new Map([[DEMO_URL, db]]),
      });
      out.write(summaryLine(summary) + '\n\n');
      await printSideBySide(db, out);
      await db.close();
    });
}

/** The shop's tables are created afresh: a directory with anything in it is not the demo's. */
function refuseUsedDirectory(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new MasqError(
      `error MASQ092: ${dir} is not empty: masq demo --into builds a new shop in an empty or new directory`,
      EXIT.invalidInput,
    );
  // PGlite makes its directory, not the ones above it.
  mkdirSync(dir, { recursive: true });
}

/** What to try on the shop left in `url`, with the spec named as the user can type it. */
function nextSteps(url: string, spec: string): string {
  const near = relative(process.cwd(), spec);
  const path = near.startsWith('..') || isAbsolute(near) ? spec : near;
  return (
    `it is left there unmasked (schema public); try:\n` +
    `  masq check ${path} --source ${url}\n` +
    `  masq compile ${path} --source ${url}\n` +
    `  MASQ_SALT=a-salt-of-yours masq run ${path} --source ${url} --target ${url}\n`
  );
}
