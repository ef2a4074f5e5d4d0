import type { Reporter, RunEvent, RunSummary } from '../exec/progress.js';
import { plural } from '../util/plural.js';
import { jsonLine } from './json-lines.js';

/** Off a terminal, a table being copied gets a progress line at most this often. */
export const PROGRESS_EVERY_MS = 5000;

export interface ReporterOptions {
  /** JSON lines on stdout instead of text. */
  readonly json?: boolean;
  readonly stream?: NodeJS.WriteStream;
  /** Milliseconds between two progress lines of a table off a terminal (tests set 0). */
  readonly everyMs?: number;
  readonly now?: () => number;
}

interface Copying {
  readonly estimate: number | null;
  readonly resumedRows: number;
  lastLine: number;
}

/**
 * JSON lines on stdout (--json); on a terminal, a progress line redrawn in place; elsewhere (a
 * log, a CI job) plain lines, one per table and, while a table copies, one every `everyMs`.
 * Progress comes between batches: PGlite holds the event loop during one, so no timer could tick.
 */
export function createReporter(options: ReporterOptions = {}): Reporter {
  if (options.json) return (event) => process.stdout.write(jsonLine(event));
  const stream = options.stream ?? process.stderr;
  const everyMs = options.everyMs ?? PROGRESS_EVERY_MS;
  const now = options.now ?? (() => performance.now());
  const tty = stream.isTTY === true;
  const copying = new Map<string, Copying>();
  return (event: RunEvent) => {
    switch (event.kind) {
      case 'table-start':
        copying.set(event.table, {
          estimate: event.estimate,
          resumedRows: event.resumedRows,
          lastLine: now(),
        });
        if (event.startedOver) stream.write(`${event.table}: ${event.startedOver}\n`);
        if (event.resumedRows > 0)
          stream.write(`${event.table}: resuming after ${event.resumedRows} rows\n`);
        break;
      case 'batch': {
        const table = copying.get(event.table);
        const copied = event.totalRows - (table?.resumedRows ?? 0);
        const speed = rate(copied, event.seconds);
        if (tty)
          stream.write(
            `\r\x1b[K${event.table} ${bar(event.totalRows, table?.estimate ?? null)} ${event.totalRows} rows ${speed}`,
          );
        else if (table && now() - table.lastLine >= everyMs) {
          table.lastLine = now();
          const of = table.estimate ? ` of ~${table.estimate}` : '';
          stream.write(`${event.table}: ${event.totalRows}${of} rows so far, ${speed}\n`);
        }
        break;
      }
      case 'snapshot':
        // A run in one go reads one moment; a resumed one cannot read the first run's moment.
        if (event.resumed)
          stream.write(
            event.exported
              ? 'resuming: this run reads the source from a new snapshot, taken now; rows copied before were read at an earlier moment\n'
              : 'resuming: rows copied before were read at an earlier moment than the rest\n',
          );
        break;
      case 'retry':
        if (tty) stream.write('\r\x1b[K');
        stream.write(
          `${event.reason}: trying again in ${event.waitSeconds} s (${event.attempt} of ${event.of}), from the last committed batch\n`,
        );
        break;
      case 'table-done':
        if (tty) stream.write('\r\x1b[K');
        copying.delete(event.table);
        stream.write(
          event.skipped
            ? `${event.table}: already complete (${event.rows} rows), skipped\n`
            : `${event.table}: ${event.rows} rows${resumedPart(event.rows, event.copied)} in ${event.seconds.toFixed(2)} s (${rate(event.copied, event.seconds)})\n`,
        );
    }
  };
}

/** The rate counts the rows this run copied: rows resumed or skipped took no time now. */
export function summaryLine(summary: RunSummary): string {
  return `masq: ${plural(summary.rows, 'row')} in ${plural(summary.tables.length, 'table')}${resumedPart(summary.rows, summary.copied)}, ${summary.seconds.toFixed(2)} s, ${rate(summary.copied, summary.seconds)}`;
}

function resumedPart(rows: number, copied: number): string {
  return copied < rows ? ` (${copied} copied by this run)` : '';
}

function rate(rows: number, seconds: number): string {
  return `${Math.round(rows / Math.max(seconds, 1e-3))} rows/s`;
}

/** The estimate counts source rows; a sample or filter copies fewer, so the bar may stop short. */
function bar(done: number, estimate: number | null): string {
  if (!estimate) return '';
  const width = 24;
  const filled = Math.min(width, Math.round((done / estimate) * width));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
