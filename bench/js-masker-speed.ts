import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/analyze/index.js';
import { introspect } from '../src/catalog/introspect.js';
import { openPglite } from '../src/db/pglite.js';
import { createShop } from '../src/demo/shop-data.js';
import { parseMasq } from '../src/frontend/masq/index.js';
import type { HashMode, Plan } from '../src/ir/plan.js';
import { packageRoot } from '../src/util/package-root.js';
import { compileRowMasker, formatCopyLine, parseCopyLine } from './js-masker.js';

/**
 * How many rows a second the streaming baseline's masking does in Node alone, no database in
 * the loop: the demo shop's customers COPied out once, then parsed, masked and formatted
 * under each hash mode. `node dist/bench/js-masker-speed.js [ROWS]` after `npm run build`.
 */
const ROWS = Number(process.argv[2] ?? 100_000);
const SALT = 'bench-salt';
const ROUNDS = 5;

const conn = await openPglite('pglite:memory');
// One order: createShop sets the orders sequence to the order count, which must be ≥ 1.
await createShop(conn, { customers: ROWS, orders: 1 });
await conn.exec(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'`);
const copied = await conn.copyOut(
  `COPY (SELECT * FROM public.customers ORDER BY id) TO '/dev/blob'`,
);
const lines = copied.toString('utf8').slice(0, -1).split('\n');
const parsed = lines.map(parseCopyLine);

for (const mode of ['portable', 'fast'] as const) {
  const plan = await shopPlan(mode);
  const mask = compileRowMasker(
    plan,
    plan.tables.find((t) => t.name === 'customers')!,
    [SALT],
  );
  const maskOnly = best(() => parsed.forEach((row) => mask(row)));
  const endToEnd = best(() => lines.forEach((line) => formatCopyLine(mask(parseCopyLine(line)))));
  console.log(
    `${mode.padEnd(8)} ${lines.length} rows: mask ${rate(maskOnly)} rows/s, ` +
      `parse+mask+format ${rate(endToEnd)} rows/s`,
  );
}
await conn.close();

/** The shop example without sample and filter, as the benchmark runs it. */
async function shopPlan(mode: HashMode): Promise<Plan> {
  const text = readFileSync(join(packageRoot(), 'configs/examples/shop.masq'), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(sample|where)\b/.test(line))
    .join('\n');
  const parsed = parseMasq(`hash ${mode}\n${text}`, 'shop.masq');
  const { plan } = analyze(parsed.spec!, await introspect(conn, 'public'), 'shop');
  if (!plan) throw new Error('the shop spec did not compile');
  return plan;
}

/** The fastest of a few rounds, after one warm-up round, in seconds. */
function best(round: () => void): number {
  round();
  let fastest = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    round();
    fastest = Math.min(fastest, (performance.now() - started) / 1000);
  }
  return fastest;
}

function rate(seconds: number): string {
  return Math.round(lines.length / seconds).toLocaleString('en-US');
}
