import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { compileSpec } from '../src/cli/compile-spec.js';
import { parsePositiveInt } from '../src/cli/options.js';
import type { Connection } from '../src/db/connection.js';
import { openPgServer } from '../src/db/pg-server.js';
import { openPglite } from '../src/db/pglite.js';
import { formatDiagnostics } from '../src/diagnostics/format.js';
import type { Plan } from '../src/ir/plan.js';
import { benchCompile } from './compile-speed.js';
import type { Contender } from './contenders.js';
import { floor, hashCount, hashesAlone, masq } from './contenders.js';
import { buildSource, resetTarget, sourceBytes, targetDigest } from './data.js';
import type { Measured, Results } from './report.js';
import { saveResults, saveRss } from './report.js';
import { streaming, streamingPglite } from './streaming.js';

const SALT = 'bench-salt';
const SPECS = { portable: 'bench/specs/customers.masq', fast: 'bench/specs/customers-fast.masq' };

const program = new Command('bench')
  .description(
    'masq against the unmasked floor and a row-streaming masker, on the PostgreSQL server at PG_URL and on PGlite',
  )
  .option('--rows <n>', 'rows of the server table', parsePositiveInt, 1_000_000)
  .option(
    '--pglite-rows <n>',
    'rows of the PGlite table (0: skip PGlite)',
    (v) => (v === '0' ? 0 : parsePositiveInt(v)),
    100_000,
  )
  .option('--runs <n>', 'runs of each contender (the median is reported)', parsePositiveInt, 3)
  .option('--jobs <n>', 'also time masq with this many jobs (hash fast mode)', parsePositiveInt, 2)
  .option('--no-streaming', 'leave out the streaming baseline (it is the slowest)')
  .option('--rss-only', 'only build --rows rows on the server and measure the RSS of masq run')
  .parse();
const opts = program.opts<{
  rows: number;
  pgliteRows: number;
  runs: number;
  jobs: number;
  streaming: boolean;
  rssOnly?: boolean;
}>();

const log = (line: string) => process.stderr.write(line + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function compile(spec: string, conn: Connection): Promise<Plan> {
  const compiled = await compileSpec(spec, {
    overrides: {},
    connections: {},
    env: {},
    source: conn,
  });
  if (!compiled.plan) throw new Error(formatDiagnostics(compiled.diagnostics, compiled.sources));
  return compiled.plan;
}

/** Runs each contender `runs` times, alternating, from an empty target each time. */
async function measure(conn: Connection, contenders: Contender[], runs: number) {
  const seconds = new Map(contenders.map((c) => [c.name, [] as number[]]));
  for (let run = 1; run <= runs; run++)
    for (const c of contenders) {
      await resetTarget(conn);
      const started = performance.now();
      await c.run();
      const s = (performance.now() - started) / 1000;
      seconds.get(c.name)!.push(s);
      log(`  run ${run}: ${c.name.padEnd(34)} ${s.toFixed(2)} s`);
    }
  return new Map([...seconds].map(([name, xs]) => [name, { median: median(xs), runs: xs }]));
}

/** Every contender's target must be byte-identical to masq's: the same work, checked. */
async function checkSameOutputs(conn: Connection, reference: Contender, others: Contender[]) {
  await resetTarget(conn);
  await reference.run();
  const expected = await targetDigest(conn);
  for (const c of others) {
    await resetTarget(conn);
    await c.run();
    const got = await targetDigest(conn);
    if (got !== expected) throw new Error(`${c.name} wrote other rows than ${reference.name}`);
    log(`  ${c.name}: same rows as ${reference.name} (${got})`);
  }
}

/**
 * Peak RSS (from /usr/bin/time) of `masq run PLAN` as CI starts it: the spec is compiled first
 * by `masq compile`, as in the README's workflow.
 */
function masqRss(url: string, spec: string): number | null {
  const out = mkdtempSync(join(tmpdir(), 'masq-bench-plan-'));
  const env = { ...process.env, MASQ_SALT: SALT };
  const cli = (args: string[]) =>
    spawnSync('/usr/bin/time', ['-v', process.execPath, 'bin/masq.js', ...args], {
      encoding: 'utf8',
      env,
    });
  const compiled = cli(['compile', spec, '--source', url, '--out', out]);
  if (compiled.status !== 0) throw new Error(`masq compile failed: ${compiled.stderr}`);
  const r = cli([
    'run',
    join(out, `${basename(spec, '.masq')}.plan.json`),
    '--source',
    url,
    '--target',
    url,
  ]);
  if (r.status !== 0) throw new Error(`masq run failed: ${r.stderr}`);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
  return kb ? Number(kb) / 1024 : null;
}

/** The bench's own database on the server, created on first use. */
async function benchDatabase(url: string): Promise<string> {
  const admin = await openPgServer(url);
  await admin.exec('CREATE DATABASE masq_bench').catch(() => undefined);
  await admin.close();
  return Object.assign(new URL(url), { pathname: '/masq_bench' }).toString();
}

/** Peak RSS of masq run at --rows, alone: to show it does not grow with the table. */
async function rssOnly(url: string): Promise<void> {
  const benchUrl = await benchDatabase(url);
  const conn = await openPgServer(benchUrl);
  try {
    log(`server: ${opts.rows} rows: ${await buildSource(conn, opts.rows)}`);
    await resetTarget(conn);
    const started = performance.now();
    const rssMb = masqRss(benchUrl, SPECS.portable);
    const seconds = (performance.now() - started) / 1000;
    await resetTarget(conn);
    process.stdout.write(saveRss({ rows: opts.rows, rssMb, seconds }) + '\n');
  } finally {
    await conn.close();
  }
}

async function benchServer(url: string): Promise<Results['server']> {
  const benchUrl = await benchDatabase(url);
  const conn = await openPgServer(benchUrl);
  try {
    log(`server: ${opts.rows} rows: ${await buildSource(conn, opts.rows)}`);
    const plans = {
      portable: await compile(SPECS.portable, conn),
      fast: await compile(SPECS.fast, conn),
    };
    const masqPortable = masq('masq (portable hash)', plans.portable, {
      url: benchUrl,
      salt: SALT,
    });
    const masqFast = masq('masq (hash fast)', plans.fast, { url: benchUrl, salt: SALT });
    const masqJobs = masq(`masq (hash fast, --jobs ${opts.jobs})`, plans.fast, {
      url: benchUrl,
      salt: SALT,
      jobs: opts.jobs,
    });
    const masqPortableJobs = masq(`masq (portable, --jobs ${opts.jobs})`, plans.portable, {
      url: benchUrl,
      salt: SALT,
      jobs: opts.jobs,
    });
    const streams = opts.streaming
      ? [
          streaming('streaming (portable hash)', benchUrl, plans.portable, SALT),
          streaming('streaming (hash fast)', benchUrl, plans.fast, SALT),
        ]
      : [];
    log('checking that every contender writes the same rows');
    await checkSameOutputs(conn, masqPortable, [masqPortableJobs, ...streams.slice(0, 1)]);
    await checkSameOutputs(conn, masqFast, [masqJobs, ...streams.slice(1)]);
    const contenders = [
      floor(conn, plans.portable),
      masqPortable,
      masqFast,
      masqJobs,
      masqPortableJobs,
      hashesAlone(conn, plans.portable, SALT),
      ...streams,
    ];
    const seconds = await measure(conn, contenders, opts.runs);
    log('peak RSS of masq run (a child process)');
    await resetTarget(conn);
    const rss = masqRss(benchUrl, SPECS.portable);
    await resetTarget(conn);
    return {
      rows: opts.rows,
      megabytes: (await sourceBytes(conn)) / 1e6,
      hashesPerRow: hashCount(plans.portable),
      seconds: Object.fromEntries(seconds) as Record<string, Measured>,
      rssMb: rss,
      version: (await conn.query<{ v: string }>("SELECT current_setting('server_version') AS v"))
        .rows[0]!.v,
    };
  } finally {
    await conn.close();
  }
}

async function benchPglite(rows: number): Promise<Results['pglite']> {
  const url = `pglite://${mkdtempSync(join(tmpdir(), 'masq-bench-'))}`;
  const conn = await openPglite(url);
  try {
    log(`PGlite: ${rows} rows: ${await buildSource(conn, rows)}`);
    const plans = {
      portable: await compile(SPECS.portable, conn),
      fast: await compile(SPECS.fast, conn),
    };
    const on = { url, salt: SALT, open: conn };
    const masqPortable = masq('masq (portable hash)', plans.portable, on);
    const masqFast = masq('masq (hash fast)', plans.fast, on);
    const streams = [
      streamingPglite('streaming (portable hash)', conn, plans.portable, SALT),
      streamingPglite('streaming (hash fast)', conn, plans.fast, SALT),
    ];
    await checkSameOutputs(conn, masqPortable, streams.slice(0, 1));
    await checkSameOutputs(conn, masqFast, streams.slice(1));
    const seconds = await measure(
      conn,
      [floor(conn, plans.portable), masqPortable, masqFast, ...streams],
      opts.runs,
    );
    return {
      rows,
      megabytes: (await sourceBytes(conn)) / 1e6,
      seconds: Object.fromEntries(seconds) as Record<string, Measured>,
    };
  } finally {
    await conn.close();
  }
}

const url = process.env.PG_URL;
if (opts.rssOnly) {
  if (!url) throw new Error('--rss-only needs PG_URL');
  await rssOnly(url);
  process.exit(0);
}
const results: Results = {
  server: url ? await benchServer(url) : undefined,
  pglite: opts.pgliteRows > 0 ? await benchPglite(opts.pgliteRows) : undefined,
  compile: await benchCompile(200),
};
if (!url) log('PG_URL is not set: the server part was skipped');
process.stdout.write(saveResults(results) + '\n');
