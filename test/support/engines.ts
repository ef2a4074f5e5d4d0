import { randomBytes } from 'node:crypto';
import type { Connection } from '../../src/db/connection.js';
import { openPgServer } from '../../src/db/pg-server.js';
import { openPglite } from '../../src/db/pglite.js';

/**
 * The PostgreSQL engines a test runs on: embedded PGlite always, and the server at PG_URL when
 * it is set (CI sets it). Tests loop over these, so every behaviour is checked on both.
 */
export interface Engine {
  readonly name: 'pglite' | 'server';
  open(): Promise<Connection>;
}

export const PG_URL = process.env.PG_URL;

export const ENGINES: readonly Engine[] = [
  { name: 'pglite', open: () => openPglite('pglite:memory') },
  ...(PG_URL ? [{ name: 'server' as const, open: () => openPgServer(PG_URL) }] : []),
];

/** A schema name no other test file (they run in parallel on the same server) will use. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}
