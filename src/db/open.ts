import type { Connection } from './connection.js';
import { openPgServer } from './pg-server.js';
import { openPglite } from './pglite.js';

/** Opens `postgres://…`/`postgresql://…` on a server, `pglite:memory` or `pglite://DIR` embedded. */
export async function openConnection(url: string): Promise<Connection> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPgServer(url);
  if (/^pglite:/.test(url)) return openPglite(url);
  throw new Error(
    `unsupported connection URL "${redactUrl(url)}": use postgres://… or pglite://DIR or pglite:memory`,
  );
}

/** A URL safe to print: the password, if any, replaced. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
