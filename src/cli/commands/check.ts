import type { Command } from 'commander';
import type { CommonOptions } from '../options.js';
import {
  envFileOption,
  envOption,
  resolveOptions,
  schemaOption,
  sourceOption,
} from '../options.js';
import { reportDiagnostics } from '../print.js';
import { plural } from '../../util/plural.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .argument('<spec>', 'a .masq or .yaml spec')
    .description(
      'check a spec and report every problem; against the source schema when one can be read',
    )
    .addOption(schemaOption())
    .addOption(sourceOption())
    .addOption(envOption())
    .addOption(envFileOption())
    .addHelpText(
      'after',
      '\nExample:\n  masq check configs/examples/shop.masq --source pglite://.masq/shop',
    )
    .action(async (spec: string, opts: CommonOptions & { schema?: string }) => {
      const { overrides, connections } = resolveOptions(opts);
      const compiled = await (
        await import('../compile-spec.js')
      ).compileSpec(spec, {
        overrides,
        connections,
        env: process.env,
        schemaOptional: true,
        ...(opts.schema ? { schemaFile: opts.schema } : {}),
      });
      if (reportDiagnostics(compiled.diagnostics, compiled.sources)) process.exitCode = 1;
      else if (compiled.plan)
        process.stdout.write(
          `${spec}: ok, ${plural(compiled.plan.tables.length, 'table')} checked against ${compiled.schemaFrom}\n`,
        );
      else
        process.stdout.write(
          `${spec}: ok (no source schema available: tables and columns were not checked)\n`,
        );
    });
}
