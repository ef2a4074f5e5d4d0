import type { Command } from 'commander';
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
    .addOption(strictOption())
    .addHelpText(
      'after',
      '\nExamples:\n  masq check configs/examples/shop.masq --source pglite://.masq/shop\n' +
        '  masq check configs/examples/shop.masq --schema shop.schema.json --strict   # a CI gate',
    )
    .action(async (spec: string, opts: CommonOptions & { schema?: string; strict?: boolean }) => {
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
      if (
        reportDiagnostics(compiled.diagnostics, compiled.sources, { strict: opts.strict === true })
      ) {
        process.exitCode = 1;
        return;
      }
      const warnings = compiled.diagnostics.filter((d) => d.severity === 'warning').length;
      if (compiled.plan)
        process.stdout.write(
          `${spec}: ok, ${plural(compiled.plan.tables.length, 'table')} checked against ${compiled.schemaFrom}${warnings ? `, ${plural(warnings, 'warning')}` : ''}\n`,
        );
      else
        process.stdout.write(
          `${spec}: ok (no source schema available: tables and columns were not checked)\n`,
        );
    });
}
