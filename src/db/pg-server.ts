import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import type { Connection, QueryResult } from './connection.js';
import { serverIdentity } from './identity.js';

// Keep int8 and numeric as strings: JavaScript numbers would silently round them.
const types = {
  getTypeParser: (oid: number, format?: string) =>
    oid === 20 || oid === 1700 ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'),
};

export async function openPgServer(url: string): Promise<Connection> {
  const client = new pg.Client({ connectionString: url, types, application_name: 'masq' });
  await client.connect();
  return {
    engine: 'postgres-server',
    copyEndpoint: { from: 'STDIN', to: 'STDOUT' },
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const r = await client.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async copyOut(sql: string) {
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
    },
    async copyIn(sql: string, data: Buffer) {
      const stream = client.query(copyFrom(sql));
      await pipeline(Readable.from([data]), stream);
      return stream.rowCount ?? 0;
    },
    identity(this: Connection) {
      return serverIdentity(this);
    },
    async close() {
      await client.end();
    },
  };
}
