import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * What `--json` prints: one JSON object per line on stdout, errors included, so a consumer
 * reads one stream and never meets a line that does not parse (stderr still has the text, for
 * whoever watches). Durations are in seconds, rounded to the millisecond: digits beyond that
 * are timer noise.
 */
export function jsonLine(event: object): string {
  return JSON.stringify(event, roundSeconds) + '\n';
}

/** A problem as a `--json` line: `position` is null for one that belongs to no place in a file. */
export interface ProblemEvent {
  readonly kind: 'error' | 'warning' | 'note';
  readonly code: string | null;
  readonly message: string;
  readonly position: {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
  } | null;
}

export function diagnosticEvent(d: Diagnostic): ProblemEvent {
  const s = d.span;
  return {
    kind: d.severity,
    code: d.code,
    message: d.message,
    position: s
      ? {
          file: s.file,
          line: s.line,
          column: s.column,
          endLine: s.endLine,
          endColumn: s.endColumn,
        }
      : null,
  };
}

/** A failure that stopped masq, with the exit code it ends with. Its message may start with
 *  the `error MASQnnn: ` of the text form: the code is then a field of its own. */
export function failureEvent(
  message: string,
  exitCode: number,
): ProblemEvent & { exitCode: number } {
  const coded = /^error (MASQ\d{3}): /.exec(message);
  return {
    kind: 'error',
    code: coded?.[1] ?? null,
    message: coded ? message.slice(coded[0].length) : message,
    position: null,
    exitCode,
  };
}

function roundSeconds(key: string, value: unknown): unknown {
  return (key === 'seconds' || key === 'waitSeconds') && typeof value === 'number'
    ? Math.round(value * 1000) / 1000
    : value;
}
