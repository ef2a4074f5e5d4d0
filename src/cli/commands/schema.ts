import type { Command } from 'commander';
import { introspect } from '../../catalog/introspect.js';
import { openConnection } from '../../db/open.js';
import { MasqError } from '../../exec/errors.js';
import { stableStringify } from '../../ir/serialize.js';
import { sourceOption } from '../options.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description(
      'print a schema snapshot (JSON) for `--schema FILE`: compile without reaching the database',
    )
    .addOption(sourceOption().default(undefined, '$SOURCE_URL'))
    .option('--name <schema>', 'the schema to read', 'public')
    .addHelpText(
      'after',
      '\nExample:\n  masq schema --source postgres://localhost/shop > shop.schema.json',
    )
    .action(async (opts: { source?: string; name: string }) => {
      const url = opts.source ?? process.env.SOURCE_URL;
      if (!url) throw new MasqError('masq schema needs --source URL or SOURCE_URL');
      const conn = await openConnection(url);
      try {
        process.stdout.write(stableStringify(await introspect(conn, opts.name), 2) + '\n');
      } finally {
        await conn.close();
      }
    });
}
