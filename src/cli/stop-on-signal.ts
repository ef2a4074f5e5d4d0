import type { Reporter, RunEvent } from '../exec/progress.js';
import { plural } from '../util/plural.js';

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

/**
 * Ctrl-C (SIGINT) or SIGTERM during `masq run`: says where the run stopped and that the same
 * command continues it, then exits as the signal would have (128 + its number). Nothing else is
 * needed for the data: the batch in flight is one transaction, rolled back by the database when
 * the connection goes, and every committed batch has its checkpoint.
 *
 * Returns the reporter to run with (it keeps track of where the run is) and a function that
 * removes the handlers once the run is over.
 */
export function stopOnSignal(
  report: Reporter,
  json: boolean,
): { report: Reporter; done: () => void } {
  let current: { table: string; rows: number } | null = null;
  let finished = 0;
  const track: Reporter = (event: RunEvent) => {
    if (event.kind === 'table-start') current = { table: event.table, rows: event.resumedRows };
    else if (event.kind === 'batch') current = { table: event.table, rows: event.totalRows };
    else if (event.kind === 'table-done') {
      current = null;
      finished++;
    }
    report(event);
  };
  const handlers = Object.entries(SIGNALS).map(([signal, number]) => {
    const handler = () => {
      const where = current
        ? `while copying table ${current.table}: ${plural(current.rows, 'row')} of it committed, ` +
          `the batch in flight rolled back; ${plural(finished, 'table')} finished before it`
        : `with ${plural(finished, 'table')} finished and no table being copied`;
      if (json)
        process.stdout.write(
          JSON.stringify({
            kind: 'stopped',
            signal,
            table: current?.table ?? null,
            rows: current?.rows ?? 0,
          }) + '\n',
        );
      process.stderr.write(
        `\nmasq: stopped by ${signal} ${where}.\nRun the same command again to continue where it stopped.\n`,
      );
      process.exit(128 + number);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return { report: track, done: () => handlers.forEach((off) => off()) };
}
