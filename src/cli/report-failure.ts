import { MasqError } from '../exec/errors.js';
import { diagnosticEvent, failureEvent, jsonLine } from './json-lines.js';

/**
 * Prints what stopped masq and sets its exit code: a MasqError as the user's to act on, anything
 * else as masq's own bug, in one line (the stack is for whoever fixes it: MASQ_DEBUG=1).
 * Under `--json` it is also a JSON event on stdout, like every other event of the run.
 */
export function reportFailure(e: unknown, json: boolean): void {
  const debug = Boolean(process.env.MASQ_DEBUG);
  if (e instanceof MasqError) {
    process.exitCode = e.exitCode;
    if (json && e.diagnostics.length)
      for (const d of e.diagnostics) process.stdout.write(jsonLine(diagnosticEvent(d)));
    else if (json) process.stdout.write(jsonLine(failureEvent(e.message, e.exitCode)));
    process.stderr.write(e.bare ? `${e.message}\n` : `masq: ${e.message}\n`);
    return;
  }
  process.exitCode = 2;
  const detail = debug ? ((e as Error).stack ?? String(e)) : String(e);
  if (json) process.stdout.write(jsonLine(failureEvent(`internal error: ${detail}`, 2)));
  process.stderr.write(
    `masq: internal error: ${detail}\n` +
      (debug ? '' : 'masq: set MASQ_DEBUG=1 to see where it happened\n'),
  );
}
