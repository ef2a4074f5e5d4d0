import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import type { Connection, QueryResult } from './connection.js';
import { serverIdentity } from './identity.js';
import { connectionLost } from './lost-connection.js';

// Keep int8 and numeric as strings: JavaScript numbers would silently round them.
const types = {
  getTypeParser: (oid: number, format?: string) =>
    oid === 20 || oid === 1700 ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'),
};

export async function openPgServer(url: string): Promise<Connection> {
  const client = new pg.Client({ connectionString: url, types, application_name: 'masq' });
  // A session the server ends (pg_terminate_backend, a restart) makes the client emit 'error',
  // which unhandled would end the process. Keep it: every later call fails with it instead,
  // so the caller learns why the session is gone and can decide to reconnect.
  let lost: Error | undefined;
  let ended = false;
  client.on('error', (e) => {
    lost ??= connectionLost(e);
  });
  client.on('end', () => {
    ended = true;
  });
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (lost) throw lost;
    try {
      return await work();
    } catch (e) {
      throw lost ?? connectionLost(e as Error);
    }
  };
  await client.connect().catch((e: Error) => {
    throw connectionLost(e);
  });
  return {
    engine: 'postgres-server',
    copyEndpoint: { from: 'STDIN', to: 'STDOUT' },
    query<Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      return guard(async () => {
        const r = await client.query(sql, params as unknown[] | undefined);
        return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
      });
    },
    exec(sql: string) {
      return guard(async () => {
        await client.query(sql);
      });
    },
    copyOut(sql: string) {
      return guard(async () => {
        const chunks: Buffer[] = [];
        await pipeline(
          client.query(copyTo(sql)),
          new Writable({
            write(chunk: Buffer, _enc, done) {
              chunks.push(chunk);
              done();
            },
          }),
        );
        return Buffer.concat(chunks);
      });
    },
    copyIn(sql: string, data: Buffer) {
      return guard(async () => {
        const stream = client.query(copyFrom(sql));
        await pipeline(Readable.from([data]), stream);
        return stream.rowCount ?? 0;
      });
    },
    identity(this: Connection) {
      return serverIdentity(this);
    },
    async close() {
      // A lost session has nothing left to end; end() on it could wait for ever.
      if (!lost && !ended) await client.end();
    },
  };
}
