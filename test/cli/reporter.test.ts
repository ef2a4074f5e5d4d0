import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/exec/progress.js';
import { createReporter, summaryLine } from '../../src/cli/reporter.js';

/** A stream that is not a terminal (a log file, a CI job), and what was written to it. */
function logStream(): { stream: NodeJS.WriteStream; lines: () => string[] } {
  let text = '';
  const stream = {
    isTTY: false,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, lines: () => text.split('\n').filter((l) => l !== '') };
}

const start: RunEvent = {
  kind: 'table-start',
  table: 'orders',
  estimate: 1000,
  resumedRows: 0,
  startedOver: null,
};
const batch = (totalRows: number, seconds: number): RunEvent => ({
  kind: 'batch',
  table: 'orders',
  rows: 100,
  totalRows,
  seconds,
});

describe('progress off a terminal', () => {
  it('is a line per interval while a table copies, on a clock of its own', () => {
    let now = 0;
    const log = logStream();
    const report = createReporter({ stream: log.stream, everyMs: 5000, now: () => now });
    report(start);
    now = 1000;
    report(batch(100, 1));
    expect(log.lines()).toEqual([]);
    now = 5000;
    report(batch(500, 5));
    now = 6000;
    report(batch(600, 6));
    expect(log.lines()).toEqual(['orders: 500 of ~1000 rows so far, 100 rows/s']);
    now = 10_000;
    report(batch(1000, 10));
    expect(log.lines()).toHaveLength(2);
    expect(log.lines().join('\n')).not.toContain('\r');
  });

  it("counts a resumed table's rate from the rows this run copied", () => {
    const log = logStream();
    const report = createReporter({ stream: log.stream, everyMs: 0 });
    report({ ...start, estimate: null, resumedRows: 1_000_000 });
    report(batch(1_000_010, 1));
    report({
      kind: 'table-done',
      table: 'orders',
      rows: 1_000_010,
      copied: 10,
      seconds: 1,
      skipped: false,
    });
    expect(log.lines()).toEqual([
      'orders: resuming after 1000000 rows',
      'orders: 1000010 rows so far, 10 rows/s',
      'orders: 1000010 rows (10 copied by this run) in 1.00 s (10 rows/s)',
    ]);
  });
});

describe('the summary line', () => {
  it('rates the rows copied by this run, not those resumed or skipped', () => {
    const line = summaryLine({
      tables: [{ table: 'orders', rows: 1_000_010, copied: 10, seconds: 1, skipped: false }],
      rows: 1_000_010,
      copied: 10,
      seconds: 1,
    });
    expect(line).toBe('masq: 1000010 rows in 1 table (10 copied by this run), 1.00 s, 10 rows/s');
  });
});
