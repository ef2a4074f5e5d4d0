import type { Connection } from './connection.js';
import { openPgServer } from './pg-server.js';
import { openPglite } from './pglite.js';
import { redactUrl } from '../secrets/redact-url.js';
import { knownSecrets } from '../secrets/scrubber.js';

export { redactUrl } from '../secrets/redact-url.js';

/** Opens `postgres://…`/`postgresql://…` on a server, `pglite:memory` or `pglite://DIR` embedded. */
export async function openConnection(url: string): Promise<Connection> {
  // Its password may come back in any error text from here on.
  knownSecrets.addUrl(url);
  if (/^postgres(ql)?:\/\//.test(url)) return openPgServer(url);
  if (/^pglite:/.test(url)) return openPglite(url);
  throw new Error(
    `unsupported connection URL "${redactUrl(url)}": use postgres://… or pglite://DIR or pglite:memory`,
  );
}
