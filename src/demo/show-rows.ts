import type { Connection } from '../db/connection.js';

const COLUMNS = [
  'username',
  'email',
  'full_name',
  'phone',
  'ssn',
  'salary',
  'birth_date',
  'device_id',
  'notes',
];

/** Prints a few customers as they are in public and as masq wrote them into masked. */
export async function printSideBySide(db: Connection, out: NodeJS.WritableStream): Promise<void> {
  const counts = await db.query<{ t: string; n: string }>(
    `SELECT 'public.customers' AS t, count(*)::text AS n FROM public.customers
     UNION ALL SELECT 'masked.customers', count(*)::text FROM masked.customers
     UNION ALL SELECT 'public.orders', count(*)::text FROM public.orders
     UNION ALL SELECT 'masked.orders', count(*)::text FROM masked.orders`,
  );
  out.write('row counts:\n');
  for (const r of counts.rows) out.write(`  ${r.t.padEnd(18)} ${r.n}\n`);
  const list = COLUMNS.map((c) => `${c}::text AS ${c}`).join(', ');
  const ids = (
    await db.query<{ id: string }>(
      'SELECT id::text AS id FROM masked.customers ORDER BY id LIMIT 3',
    )
  ).rows;
  for (const { id } of ids) {
    const before = (
      await db.query<Record<string, string | null>>(
        `SELECT ${list} FROM public.customers WHERE id = $1`,
        [id],
      )
    ).rows[0];
    const after = (
      await db.query<Record<string, string | null>>(
        `SELECT ${list} FROM masked.customers WHERE id = $1`,
        [id],
      )
    ).rows[0];
    out.write(`\ncustomer ${id}          before → after\n`);
    for (const c of COLUMNS)
      out.write(
        `  ${c.padEnd(11)} ${show(before?.[c])}\n  ${''.padEnd(11)} → ${show(after?.[c])}\n`,
      );
  }
}

function show(v: string | null | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  return v.length > 70 ? `${v.slice(0, 67)}...` : v;
}
