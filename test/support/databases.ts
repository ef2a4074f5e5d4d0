import type { Connection } from '../../src/db/connection.js';
import { openPgServer } from '../../src/db/pg-server.js';
import { openPglite } from '../../src/db/pglite.js';
import { PG_URL, uniqueName } from './engines.js';

/** A database a test owns alone: a fresh PGlite, or a new database on the PG_URL server. */
export interface TestDatabase {
  readonly url: string;
  readonly conn: Connection;
  /** Closes it and, on the server, drops it. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(engine: 'pglite' | 'server'): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const conn = await openPglite('pglite:memory');
    return { url: 'pglite:memory', conn, dispose: () => conn.close() };
  }
  if (!PG_URL) throw new Error('PG_URL is not set');
  const name = uniqueName('masq_test');
  const admin = await openPgServer(PG_URL);
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const conn = await openPgServer(url.toString());
  return {
    url: url.toString(),
    conn,
    dispose: async () => {
      await conn.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/** A digest of a table's whole content in key order: equal digests, equal tables. */
export async function tableDigest(conn: Connection, table: string, order = 'id'): Promise<string> {
  const r = await conn.query<{ d: string | null; n: string }>(
    `SELECT md5(string_agg(t::text, E'\\n' ORDER BY ${order})) AS d, count(*)::text AS n FROM ${table} AS t`,
  );
  return `${r.rows[0]!.n}:${r.rows[0]!.d}`;
}
