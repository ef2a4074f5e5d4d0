import type { Command } from 'commander';
import { join } from 'node:path';
import { openPglite } from '../../db/pglite.js';
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
    .addHelpText(
      'after',
      '\nNo server and no set-up needed. Example:\n  masq demo --customers 20000',
    )
    .action(async (opts: { customers: number; orders: number }) => {
      const out = process.stdout;
      const t0 = performance.now();
      const db = await openPglite(DEMO_URL);
      const { createShop } = await import('../../demo/shop-data.js');
      await createShop(db, { customers: opts.customers, orders: opts.orders });
      const built = (performance.now() - t0) / 1000;
      out.write(
        `built the shop in PGlite: ${opts.customers} customers, ${opts.orders} orders (${built.toFixed(2)} s)\n`,
      );

      const spec = join(packageRoot(), 'configs', 'examples', 'shop.masq');
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
        report: createReporter(false, process.stdout),
        open: new Map([[DEMO_URL, db]]),
      });
      out.write(summaryLine(summary) + '\n\n');
      await printSideBySide(db, out);
      await db.close();
    });
}
