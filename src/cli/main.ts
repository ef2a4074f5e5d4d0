import { Command } from 'commander';
import { MasqError } from '../exec/errors.js';
import { guardOutput } from '../secrets/guard-output.js';
import { knownSecrets } from '../secrets/scrubber.js';
import { registerCheck } from './commands/check.js';
import { registerCompile } from './commands/compile.js';
import { registerDemo } from './commands/demo.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';

// Commands import the compiler (parser, Faker dictionaries) when they need it, not here:
// `masq run PLAN` never parses a spec, and stays ~60 MB lighter for it.
// Before anything can print: every secret masq learns is scrubbed from all it writes.
guardOutput(process.stdout, knownSecrets);
guardOutput(process.stderr, knownSecrets);

const program = new Command('masq')
  .description(
    'Compile data-masking rules into SQL that runs inside PostgreSQL: rows never leave the database unmasked.\n' +
      'Specs are .masq files or YAML; see README.md for the language.',
  )
  .version('0.1.0')
  .showHelpAfterError();
registerCheck(program);
registerCompile(program);
registerRun(program);
registerSchema(program);
registerDemo(program);

try {
  await program.parseAsync();
} catch (e) {
  if (e instanceof MasqError) {
    process.stderr.write(e.bare ? `${e.message}\n` : `masq: ${e.message}\n`);
    process.exitCode = e.exitCode;
  } else {
    // A bug in masq, not in the input: say so in one line; the stack is for whoever fixes it.
    const detail = process.env.MASQ_DEBUG ? ((e as Error).stack ?? String(e)) : String(e);
    process.stderr.write(
      `masq: internal error: ${detail}\n` +
        (process.env.MASQ_DEBUG ? '' : 'masq: set MASQ_DEBUG=1 to see where it happened\n'),
    );
    process.exitCode = 2;
  }
}
