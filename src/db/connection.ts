/**
 * One open PostgreSQL session, whichever engine serves it: a server through `pg`, or the
 * embedded PGlite. Statements always come from the emitter; a connection only carries them.
 */
export interface Connection {
  readonly engine: 'postgres-server' | 'pglite';
  /** Where COPY reads and writes on this engine: STDIN/STDOUT, or PGlite's '/dev/blob'. */
  readonly copyEndpoint: { readonly from: string; readonly to: string };
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<Row>>;
  /** Runs a script of several statements, no parameters. */
  exec(sql: string): Promise<void>;
  /** Runs `COPY (…) TO <copyEndpoint.to>` and returns the bytes it wrote. */
  copyOut(sql: string): Promise<Buffer>;
  /** Runs `COPY … FROM <copyEndpoint.from>` feeding it `data`; returns the rows loaded. */
  copyIn(sql: string, data: Buffer): Promise<number>;
  /** Which database this is, the same text for every connection to it, however it was spelt:
   *  how masq tells that a source and a target are one database. */
  identity(): Promise<string>;
  close(): Promise<void>;
}

export interface QueryResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}
