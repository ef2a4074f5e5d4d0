import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connection, DatabaseIdentity } from './connection.js';

/**
 * One database, reached twice: the same database of the same running server, or of the same
 * cluster — a hot standby of the source is the source too, and writing into its primary writes
 * into it.
 */
export function sameDatabase(a: DatabaseIdentity, b: DatabaseIdentity): boolean {
  if (a.database !== b.database) return false;
  return a.instance === b.instance || (a.cluster !== undefined && a.cluster === b.cluster);
}

/**
 * Asks a server. pg_control_system() is granted to PUBLIC, but an administrator may revoke it,
 * for one user and not the other: the running server (start time and port, readable by
 * everyone) decides then; two servers started in the same microsecond on one port are no case.
 */
export async function serverIdentity(conn: Pick<Connection, 'query'>): Promise<DatabaseIdentity> {
  const r = await conn.query<{ instance: string; database: string }>(
    `SELECT pg_postmaster_start_time()::text || ' port ' || current_setting('port') AS instance,
            current_database() || ' ' || (SELECT oid FROM pg_database WHERE datname = current_database())::text AS database`,
  );
  const { instance, database } = r.rows[0]!;
  const cluster = await conn
    .query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()')
    .then((c) => c.rows[0]?.id)
    .catch(() => undefined);
  return cluster ? { cluster, instance, database } : { instance, database };
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
