import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connection } from './connection.js';

/** The database within its server: names are unique per cluster, the oid tells a re-creation. */
const DATABASE = `current_database() || '/' || (SELECT oid FROM pg_database WHERE datname = current_database())::text`;

/**
 * Which database a server session is in, whatever URL reached it: the cluster's system
 * identifier (initdb's, unique per cluster) and the database. pg_control_system() is granted to
 * PUBLIC; where an administrator revoked it, the postmaster's start time and port stand in
 * (two clusters started in the same microsecond on the same port are not a real case).
 */
export async function serverIdentity(conn: Pick<Connection, 'query'>): Promise<string> {
  try {
    const r = await conn.query<{ id: string }>(
      `SELECT 'cluster ' || system_identifier::text || ' database ' || ${DATABASE} AS id FROM pg_control_system()`,
    );
    return r.rows[0]!.id;
  } catch {
    const r = await conn.query<{ id: string }>(
      `SELECT 'postmaster ' || pg_postmaster_start_time()::text || ':' || current_setting('port') || ' database ' || ${DATABASE} AS id`,
    );
    return r.rows[0]!.id;
  }
}

/**
 * A PGlite database is its data directory, however the URL spells it; known before opening, so
 * masq never opens one directory twice (two instances would overwrite each other's pages).
 * An in-memory database has no location: undefined.
 */
export function pgliteLocation(url: string): string | undefined {
  if (url === 'pglite:memory') return undefined;
  const dir = resolve(url.replace(/^pglite:(\/\/)?/, ''));
  try {
    return `pglite ${realpathSync(dir)}`;
  } catch {
    return `pglite ${dir}`;
  }
}
