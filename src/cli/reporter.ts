import type { Reporter, RunEvent, RunSummary } from '../exec/progress.js';
import { plural } from '../util/plural.js';

/** JSON lines on stdout (--json), or a progress line redrawn on a terminal, or plain lines. */
export function createReporter(
  json: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): Reporter {
  if (json) return (event) => process.stdout.write(JSON.stringify(event) + '\n');
  const tty = stream.isTTY === true;
  const estimates = new Map<string, number | null>();
  return (event: RunEvent) => {
    switch (event.kind) {
      case 'table-start':
        estimates.set(event.table, event.estimate);
        if (event.startedOver) stream.write(`${event.table}: ${event.startedOver}\n`);
        if (event.resumedRows > 0)
          stream.write(`${event.table}: resuming after ${event.resumedRows} rows\n`);
        break;
      case 'batch':
        if (tty)
          stream.write(
            `\r\x1b[K${event.table} ${bar(event.totalRows, estimates.get(event.table) ?? null)} ${event.totalRows} rows ${rate(event.totalRows, event.seconds)}`,
          );
        break;
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
        stream.write(
          event.skipped
            ? `${event.table}: already complete (${event.rows} rows), skipped\n`
            : `${event.table}: ${event.rows} rows in ${event.seconds.toFixed(2)} s (${rate(event.rows, event.seconds)})\n`,
        );
    }
  };
}

export function summaryLine(summary: RunSummary): string {
  return `masq: ${plural(summary.rows, 'row')} in ${plural(summary.tables.length, 'table')}, ${summary.seconds.toFixed(2)} s, ${rate(summary.rows, summary.seconds)}`;
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
