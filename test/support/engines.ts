import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
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

export { NO_SERVER } from './needs.js';

export const ENGINES: readonly Engine[] = [
  { name: 'pglite', open: () => openPglite('pglite:memory') },
  ...(PG_URL ? [{ name: 'server' as const, open: () => openPgServer(PG_URL) }] : []),
];

/** A schema name no other test file (they run in parallel on the same server) will use. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/**
 * Declares a suite that needs what this machine may lack (a server, a tool, a fixture folder).
 * When `missing` says what is missing, the suite is skipped, its name ends with the reason, and
 * the reason is printed at collection: vitest's default reporter names no skipped test.
 */
export function describeNeeding(missing: string | undefined, name: string, fn: () => void): void {
  if (!missing) return void describe(name, fn);
  announceSkip(name, missing);
  describe.skip(`${name} (skipped: ${missing})`, fn);
}

/** The same for one test. */
export function itNeeding(
  missing: string | undefined,
  name: string,
  fn: () => Promise<void> | void,
): void {
  if (!missing) return void it(name, fn);
  announceSkip(name, missing);
  it.skip(`${name} (skipped: ${missing})`, fn);
}

function announceSkip(name: string, missing: string): void {
  console.info(`skipped: "${name}": ${missing}`);
}
