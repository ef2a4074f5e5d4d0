import { Command } from 'commander';
import { guardOutput } from '../secrets/guard-output.js';
import { knownSecrets } from '../secrets/scrubber.js';
import { registerCheck } from './commands/check.js';
import { registerCompile } from './commands/compile.js';
import { registerDemo } from './commands/demo.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { failureEvent, jsonLine } from './json-lines.js';
import { reportFailure } from './report-failure.js';

// Commands import the compiler (parser, Faker dictionaries) when they need it, not here:
// `masq run PLAN` never parses a spec, and stays ~60 MB lighter for it.
// Before anything can print: every secret masq learns is scrubbed from all it writes.
guardOutput(process.stdout, knownSecrets);
guardOutput(process.stderr, knownSecrets);
// `masq demo | head`: a reader that has seen enough is no error, and no stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit();
});
// Read before parsing: a bad flag is reported before any command sees its options.
const json = process.argv.slice(2).includes('--json');

const program = new Command('masq')
  .description(
    'Compile data-masking rules into SQL that runs inside PostgreSQL: rows never leave the database unmasked.\n' +
      'Specs are .masq files or YAML; see README.md for the language.',
  )
  .version('0.1.0')
  .showHelpAfterError(!json)
  .configureOutput({
    outputError: (text, write) => {
      if (json)
        process.stdout.write(jsonLine(failureEvent(text.replace(/^error: /, '').trim(), 1)));
      write(text);
    },
  });
registerCheck(program);
registerCompile(program);
registerRun(program);
registerSchema(program);
registerDemo(program);

try {
  await program.parseAsync();
} catch (e) {
  reportFailure(e, json);
}
