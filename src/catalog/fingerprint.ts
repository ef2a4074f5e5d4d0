import { createHash } from 'node:crypto';
import type { ColumnSchema, TableSchema } from './snapshot.js';

/** What of a column, if it changed, could make a compiled plan wrong or leak data. */
function columnShape(c: ColumnSchema): string {
  return [
    c.name,
    c.type,
    c.notNull ? 'not null' : 'null',
    c.generated ? 'generated' : '',
    c.identity ?? '',
  ].join('|');
}

/** A short stable hash of a table's columns, recorded in the plan and compared before a run. */
export function fingerprint(table: TableSchema): string {
  const h = createHash('sha256');
  for (const c of table.columns) h.update(columnShape(c) + '\n');
  return h.digest('hex').slice(0, 16);
}

export interface ColumnDrift {
  readonly column: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly detail: string;
}

/** The columns that differ between the table the plan was compiled for and the live one. */
export function diffColumns(planned: TableSchema, live: TableSchema): ColumnDrift[] {
  const drift: ColumnDrift[] = [];
  const liveByName = new Map(live.columns.map((c) => [c.name, c]));
  const plannedNames = new Set(planned.columns.map((c) => c.name));
  for (const c of planned.columns) {
    const now = liveByName.get(c.name);
    if (!now) drift.push({ column: c.name, change: 'removed', detail: `was ${c.type}` });
    else if (columnShape(now) !== columnShape(c))
      drift.push({
        column: c.name,
        change: 'changed',
        detail: `${describe(c)} → ${describe(now)}`,
      });
  }
  for (const c of live.columns)
    if (!plannedNames.has(c.name))
      drift.push({ column: c.name, change: 'added', detail: `${c.type}, no rule names it` });
  return drift;
}

function describe(c: ColumnSchema): string {
  return [
    c.type,
    c.notNull ? 'not null' : '',
    c.generated ? 'generated' : '',
    c.identity ? `identity ${c.identity}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
