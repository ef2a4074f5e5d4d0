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
  /** Which database this is, however its URL was spelt: how masq tells that a source and a
   *  target are one database (`sameDatabase`). */
  identity(): Promise<DatabaseIdentity>;
  close(): Promise<void>;
}

export interface QueryResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}

/** Which database a session is in, in terms two sessions, of any privileges, can compare. */
export interface DatabaseIdentity {
  /** The cluster's system identifier (initdb's): shared by its physical replicas. */
  readonly cluster?: string;
  /** This running server: its postmaster's start time and port, or a PGlite instance. */
  readonly instance: string;
  /** The database within the server: its name and oid. */
  readonly database: string;
}
