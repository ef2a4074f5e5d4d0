import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { MasqError } from '../../exec/errors.js';
import { runPlan } from '../../exec/run-plan.js';
import type { Plan } from '../../ir/plan.js';
import { parsePlan } from '../../ir/serialize.js';
import { resolveConnections } from '../connections.js';
import type { CommonOptions } from '../options.js';
import {
  envFileOption,
  envOption,
  parsePositiveInt,
  resolveOptions,
  sourceOption,
  strictOption,
} from '../options.js';
import { reportDiagnostics } from '../print.js';
import { jsonLine } from '../json-lines.js';
import { createReporter, PROGRESS_EVERY_MS, summaryLine } from '../reporter.js';
import { stopOnSignal } from '../stop-on-signal.js';

type RunCommandOptions = CommonOptions & { json?: boolean; jobs?: number; strict?: boolean };

export function registerRun(program: Command): void {
  program
    .command('run')
    .argument(
      '<spec-or-plan>',
      'a .masq/.yaml spec (compiled against the live source first) or an out/NAME.plan.json',
    )
    .description('mask the source into the target, in batches, inside the database(s)')
    .addOption(sourceOption())
    .option(
      '--target <url>',
      'target database (the same URL as --source: schema to schema in one database)',
    )
    .option('--batch-size <n>', 'rows per batch (one transaction each)', parsePositiveInt)
    .option(
      '--jobs <n>',
      'connections per table, each copying a part of its key range (a server, not PGlite)',
      parsePositiveInt,
    )
    .option('--json', 'progress, summary and errors as JSON lines on stdout')
    .addOption(envOption())
    .addOption(envFileOption())
    .addOption(strictOption())
    .addHelpText(
      'after',
      '\nA run that stopped continues where it was when run again; a finished table is skipped.\n' +
        'Examples:\n  MASQ_SALT=… masq run configs/examples/shop.masq --source postgres://localhost/shop --target postgres://localhost/shop\n' +
        '  MASQ_SALT=… masq run out/shop.plan.json --env staging --json --jobs 2',
    )
    .action(async (file: string, opts: RunCommandOptions) => {
      const { overrides, connections } = resolveOptions(opts);
      const json = opts.json === true;
      const plan = file.endsWith('.json')
        ? readPlanFile(file)
        : await compileForRun(file, overrides, connections, {
            strict: opts.strict === true,
            json,
          });
      if (!plan) {
        process.exitCode = 1;
        return;
      }
      const urls = resolveConnections(plan, connections, process.env);
      const reporter = createReporter({ json, everyMs: progressEveryMs(process.env) });
      const stop = stopOnSignal(reporter, json);
      const summary = await runPlan(plan, {
        sourceUrl: urls.source,
        targetUrl: urls.target,
        env: process.env,
        ...(overrides.batchSize ? { batchSize: overrides.batchSize } : {}),
        ...(opts.jobs ? { jobs: opts.jobs } : {}),
        report: stop.report,
      }).finally(stop.done);
      if (json) process.stdout.write(jsonLine({ kind: 'summary', ...summary }));
      else process.stderr.write(summaryLine(summary) + '\n');
    });
}

function readPlanFile(file: string): Plan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new MasqError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return parsePlan(text, file);
  } catch (e) {
    throw new MasqError((e as Error).message);
  }
}

async function compileForRun(
  file: string,
  overrides: ReturnType<typeof resolveOptions>['overrides'],
  connections: ReturnType<typeof resolveOptions>['connections'],
  output: { readonly strict: boolean; readonly json: boolean },
): Promise<Plan | undefined> {
  // Imported only here: a plan file needs no compiler (see main.ts).
  const compiled = await (
    await import('../compile-spec.js')
  ).compileSpec(file, { overrides, connections, env: process.env });
  if (reportDiagnostics(compiled.diagnostics, compiled.sources, output)) return undefined;
  return compiled.plan;
}

/** MASQ_PROGRESS_EVERY_MS: how often a log gets a progress line (tests set 0: every batch). */
function progressEveryMs(env: NodeJS.ProcessEnv): number {
  const ms = Number(env.MASQ_PROGRESS_EVERY_MS);
  return env.MASQ_PROGRESS_EVERY_MS && Number.isFinite(ms) && ms >= 0 ? ms : PROGRESS_EVERY_MS;
}
