import type { Connection } from './connection.js';
import { openPgServer } from './pg-server.js';
import { openPglite } from './pglite.js';
import { EXIT, MasqError } from '../exec/errors.js';
import { redactUrl } from '../secrets/redact-url.js';
import { knownSecrets } from '../secrets/scrubber.js';

export { redactUrl } from '../secrets/redact-url.js';

/** Opens `postgres://…`/`postgresql://…` on a server, `pglite:memory` or `pglite://DIR` embedded. */
export async function openConnection(url: string): Promise<Connection> {
  // Its password may come back in any error text from here on.
  knownSecrets.addUrl(url);
  if (/^postgres(ql)?:\/\//.test(url)) return openPgServer(url);
  if (/^pglite:/.test(url)) return openPglite(url);
  // Not the database's failure but the user's input: exit 1, like any bad flag.
  throw new MasqError(
    `error MASQ091: unsupported connection URL "${redactUrl(url)}": masq connects to postgres://… or postgresql://… (a PostgreSQL server), pglite://DIR or pglite:memory (embedded PostgreSQL)`,
    EXIT.invalidInput,
  );
}
