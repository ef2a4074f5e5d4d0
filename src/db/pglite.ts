import { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import type { Connection, QueryResult } from './connection.js';
import { pgliteLocation } from './identity.js';

/** `pglite:memory` or `pglite://DIR` (a directory kept between runs). */
export async function openPglite(url: string): Promise<Connection> {
  const dir = url === 'pglite:memory' ? undefined : url.replace(/^pglite:(\/\/)?/, '');
  const db = await PGlite.create(dir ? { dataDir: dir } : {});
  const location = pgliteLocation(url);
  if (location) instances.set(db, location);
  return wrapPglite(db);
}

/** An embedded database is its instance: its directory, or an id of its own in memory. */
const instances = new WeakMap<PGlite, string>();

export function wrapPglite(db: PGlite): Connection {
  if (!instances.has(db)) instances.set(db, `pglite memory ${randomUUID()}`);
  return {
    engine: 'pglite',
    copyEndpoint: { from: "'/dev/blob'", to: "'/dev/blob'" },
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const r = await db.query<Row>(sql, params as unknown[] | undefined);
      return { rows: r.rows.map(stringifyBigints), rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async copyOut(sql: string) {
      const r = await db.query(sql);
      // PGlite gives no blob at all when COPY wrote no row.
      return r.blob ? Buffer.from(await r.blob.arrayBuffer()) : Buffer.alloc(0);
    },
    async copyIn(sql: string, data: Buffer) {
      if (data.length === 0) return 0;
      const r = await db.query(sql, [], { blob: new Blob([new Uint8Array(data)]) });
      return r.affectedRows ?? 0;
    },
    identity: () => Promise.resolve({ instance: instances.get(db)!, database: 'pglite' }),
    async close() {
      await db.close();
    },
  };
}

// PGlite returns int8 as BigInt; the server driver returns strings. Make them agree.
function stringifyBigints<Row>(row: Row): Row {
  if (row === null || typeof row !== 'object') return row;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row as Record<string, unknown>))
    out[k] = typeof v === 'bigint' ? v.toString() : v;
  return out as Row;
}
