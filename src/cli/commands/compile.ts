import type { Command } from 'commander';
import { join } from 'node:path';
import { buildProgram } from '../../emit/postgres/program.js';
import { renderScript } from '../../emit/postgres/script.js';
import { serializePlan } from '../../ir/serialize.js';
import type { CommonOptions } from '../options.js';
import {
  envFileOption,
  envOption,
  resolveOptions,
  schemaOption,
  sourceOption,
  strictOption,
} from '../options.js';
import { reportDiagnostics } from '../print.js';
import { writeOutputs } from '../write-outputs.js';

type CompileCommandOptions = CommonOptions & { out: string; schema?: string; strict?: boolean };

export function registerCompile(program: Command): void {
  program
    .command('compile')
    .argument('<spec>', 'a .masq or .yaml spec')
    .description('compile a spec into out/NAME.plan.json and out/NAME.pg.sql (a psql script)')
    .option('--out <dir>', 'output directory', 'out')
    .addOption(schemaOption())
    .addOption(sourceOption())
    .addOption(envOption())
    .addOption(envFileOption())
    .addOption(strictOption())
    .addHelpText(
      'after',
      '\nExample:\n  SOURCE_URL=postgres://localhost/shop masq compile configs/examples/shop.masq\n' +
        '  psql "$TARGET_URL" -v masq_salt="$MASQ_SALT" -f out/shop.pg.sql',
    )
    .action(async (spec: string, opts: CompileCommandOptions) => {
      const { overrides, connections } = resolveOptions(opts);
      const compiled = await (
        await import('../compile-spec.js')
      ).compileSpec(spec, {
        overrides,
        connections,
        env: process.env,
        ...(opts.schema ? { schemaFile: opts.schema } : {}),
      });
      if (
        reportDiagnostics(compiled.diagnostics, compiled.sources, {
          strict: opts.strict === true,
        }) ||
        !compiled.plan
      ) {
        process.exitCode = 1;
        return;
      }
      const plan = compiled.plan;
      const planFile = join(opts.out, `${plan.name}.plan.json`);
      const scriptFile = join(opts.out, `${plan.name}.pg.sql`);
      const files = new Map([
        [planFile, serializePlan(plan)],
        [scriptFile, renderScript(buildProgram(plan), scriptFile)],
      ]);
      writeOutputs(opts.out, files);
      process.stdout.write(`wrote ${planFile}\nwrote ${scriptFile}\n`);
    });
}
