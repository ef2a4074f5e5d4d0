import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  readonly median: number;
  readonly runs: readonly number[];
}

interface EngineResults {
  readonly rows: number;
  readonly megabytes: number;
  readonly seconds: Readonly<Record<string, Measured>>;
}

export interface Results {
  readonly server?: EngineResults & {
    readonly hashesPerRow: number;
    readonly rssMb: number | null;
    readonly version: string;
  };
  readonly pglite?: EngineResults;
  readonly compile: { readonly tables: number; readonly seconds: number };
}

const DIR = 'bench/results';

/**
 * Keeps each run's figures as JSON by engine and size (a 10M run adds to a 1M run instead of
 * replacing it) and rewrites bench/results.md from all of them.
 */
export function saveResults(results: Results): string {
  mkdirSync(DIR, { recursive: true });
  const machine = {
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
  if (results.server)
    writeFileSync(
      join(DIR, `server-${results.server.rows}.json`),
      JSON.stringify({ machine, ...results.server }, null, 2) + '\n',
    );
  if (results.pglite)
    writeFileSync(
      join(DIR, `pglite-${results.pglite.rows}.json`),
      JSON.stringify({ machine, ...results.pglite }, null, 2) + '\n',
    );
  writeFileSync(
    join(DIR, 'compile.json'),
    JSON.stringify({ machine, ...results.compile }, null, 2) + '\n',
  );
  const markdown = render();
  writeFileSync('bench/results.md', markdown);
  return markdown;
}

/** One `--rss-only` measurement: masq run's peak RSS on a table of `rows` rows. */
export interface RssResult {
  readonly rows: number;
  readonly rssMb: number | null;
  readonly seconds: number;
}

export function saveRss(result: RssResult): string {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, `rss-${result.rows}.json`), JSON.stringify(result, null, 2) + '\n');
  const markdown = render();
  writeFileSync('bench/results.md', markdown);
  return markdown;
}

type Saved = EngineResults &
  Partial<NonNullable<Results['server']>> & { machine: Record<string, string> };

function load(prefix: string): Saved[] {
  return readdirSync(DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Saved)
    .sort((a, b) => a.rows - b.rows);
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const jobsOf = (contender: string) => /--jobs \d+/.exec(contender)?.[0] ?? contender;
const rate = (rows: number, s: number) => `${Math.round(rows / s).toLocaleString('en-US')}`;

function table(r: Saved): string[] {
  const floor = r.seconds.floor!.median;
  return [
    '| contender | median s | runs (s) | rows/s | MB/s | × floor |',
    '|---|---|---|---|---|---|',
    ...Object.entries(r.seconds).map(
      ([name, m]) =>
        `| ${name} | ${fmt(m.median)} | ${m.runs.map((s) => fmt(s)).join(', ')} | ${rate(r.rows, m.median)} | ${fmt(r.megabytes / m.median, 1)} | ${fmt(m.median / floor)} |`,
    ),
  ];
}

function ratios(r: Saved): string[] {
  const s = (name: string) => r.seconds[name]?.median;
  const floor = s('floor')!;
  const lines: string[] = [];
  const add = (label: string, a: number | undefined, b: number | undefined, target: string) => {
    if (a !== undefined && b !== undefined) lines.push(`| ${label} | ${fmt(a / b)} | ${target} |`);
  };
  const portable = s('masq (portable hash)');
  const fast = s('masq (hash fast)');
  const alone = Object.keys(r.seconds).find((n) => n.includes('portable hashes alone'));
  add('masq (hash fast) / floor', fast, floor, '≤ 3');
  if (alone)
    add(`masq (portable) / limit (floor + ${alone})`, portable, floor + s(alone)!, '≤ 1.25');
  add('masq (portable) / floor', portable, floor, '');
  add('streaming (hash fast) / masq (hash fast)', s('streaming (hash fast)'), fast, '≥ 3');
  add(
    'streaming (portable) / masq (portable)',
    s('streaming (portable hash)'),
    portable,
    'reported',
  );
  const jobs = Object.keys(r.seconds).find((n) => n.startsWith('masq (hash fast, --jobs'));
  if (jobs) add(`masq (hash fast): --jobs 1 / ${jobsOf(jobs)}`, fast, s(jobs), '≥ 1.6');
  const pjobs = Object.keys(r.seconds).find((n) => n.startsWith('masq (portable, --jobs'));
  if (pjobs) add(`masq (portable): --jobs 1 / ${jobsOf(pjobs)}`, portable, s(pjobs), '');
  return lines.length ? ['| ratio | value | target |', '|---|---|---|', ...lines] : [];
}

function engineSection(engine: string, r: Saved): string[] {
  const size = `${r.rows.toLocaleString('en-US')} rows (${fmt(r.megabytes, 0)} MB of rows)`;
  return ['', `## ${engine}, ${size}`, '', ...table(r), '', ...ratios(r)];
}

function render(): string {
  const servers = load('server-');
  const pglites = load('pglite-');
  const compile = JSON.parse(
    readFileSync(join(DIR, 'compile.json'), 'utf8'),
  ) as Results['compile'] & { machine: Record<string, string> };
  const machine = (servers[0] ?? pglites[0] ?? compile).machine;
  const out = [
    '# masq benchmark',
    '',
    'Written by `npm run bench` (`PG_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --rows 1000000`);',
    'every number below comes from the JSON files beside this one. Each contender starts from an',
    'empty target and ends with the table created, filled, its primary key and indexes built and',
    'analyzed; runs alternate between contenders in one process; the median is shown. Before',
    "timing, the target of every contender is checked to hold exactly masq's rows (md5 of all",
    'rows in key order), so all do the same work.',
    '',
    '- **floor**: `INSERT INTO target SELECT * FROM source`, the same rows unmasked, into the same',
    '  table masq creates (indexes built after the load, as masq does).',
    '- **masq**: `masq run` of bench/specs/customers.masq (the shop spec without its sample and',
    '  filter: substitute ×3, one of them unique, redact ×2, perturb ×2, hash_salt, nullify).',
    '- **streaming**: COPY TO STDOUT → the same masking in Node (bench/js-masker.ts) → COPY FROM',
    '  STDIN, pipelined streams; on PGlite, batches of 10,000 rows through blobs.',
    "- **portable hashes alone**: masq's own keyed-hash joins, cut from its batch statement, in one",
    '  SELECT: with the floor, the limit of portable mode.',
    '',
    "masq's times include opening its connections and the schema drift check, as `masq run` does;",
    'the `--jobs 2` rows use two server backends where the floor uses one.',
    '',
    `Machine: ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}, measured ${machine.date}.`,
  ];
  for (const r of servers) {
    out.push(...engineSection(`PostgreSQL ${r.version}`, r));
    out.push(
      '',
      `Peak RSS of the \`masq run PLAN\` process: ${r.rssMb == null ? 'n/a' : `${fmt(r.rssMb, 0)} MB`}. Portable mode evaluates ${r.hashesPerRow} keyed hashes per row.`,
    );
  }
  // --rss-only runs measure compile + run as a user starts them; a full run's RSS fills gaps.
  const measured = load('rss-').map((r) => r as unknown as RssResult);
  const rss = [
    ...measured,
    ...servers
      .filter((r) => !measured.some((m) => m.rows === r.rows))
      .map((r) => ({ rows: r.rows, rssMb: r.rssMb ?? null, seconds: undefined })),
  ].sort((a, b) => a.rows - b.rows);
  if (rss.length > 1)
    out.push(
      '',
      '## masq RSS by table size',
      '',
      'Peak RSS of the whole `masq run PLAN` process (the portable spec, `/usr/bin/time -v`): rows stay',
      'in the database, so memory does not follow the table size.',
      '',
      '| rows | peak RSS MB | compile + run, wall s |',
      '|---|---|---|',
      ...rss.map(
        (r) =>
          `| ${r.rows.toLocaleString('en-US')} | ${r.rssMb == null ? 'n/a' : fmt(r.rssMb, 0)} | ${r.seconds === undefined ? '' : fmt(r.seconds)} |`,
      ),
    );
  for (const r of pglites) out.push(...engineSection('PGlite', r));
  out.push(
    '',
    '## Compile speed',
    '',
    `A generated spec of ${compile.tables} tables (10 columns each, every strategy) compiles — parse, analyze, plan, script — in ${fmt(compile.seconds, 3)} s.`,
    '',
  );
  return out.join('\n');
}
