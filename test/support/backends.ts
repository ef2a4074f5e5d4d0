import type { Connection } from '../../src/db/connection.js';

/**
 * masq's sessions on one database, seen from an admin session on another: the server is
 * shared by test files running side by side, so they are found by database name and
 * application_name, never by name alone. `except` keeps the test's own sessions (its helpers
 * connect as 'masq' too).
 */
export class MasqBackends {
  private constructor(
    private readonly admin: Connection,
    private readonly database: string,
    private readonly except: readonly number[],
  ) {}

  static async watch(admin: Connection, url: string, own: readonly Connection[]) {
    const except: number[] = [];
    for (const conn of own)
      except.push(
        Number((await conn.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid),
      );
    return new MasqBackends(admin, decodeURIComponent(new URL(url).pathname.slice(1)), except);
  }

  /** Whether one of masq's sessions is writing a batch's rows right now: a batch is mid-way. */
  async writing(): Promise<boolean> {
    const r = await this.admin.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_stat_activity
       WHERE datname = $1 AND application_name = 'masq' AND state = 'active'
         AND (query ILIKE 'INSERT%' OR query ILIKE 'COPY%') AND NOT (pid = ANY ($2::int[]))
         -- A batch's rows, not the progress rows a table's parts start with: ended there, a
         -- run has committed nothing yet and its retry would rightly not resume.
         AND query NOT ILIKE 'INSERT INTO %progress_log%'`,
      [this.database, this.except],
    );
    return Number(r.rows[0]!.n) > 0;
  }

  /** How many sessions masq has on the database. */
  async count(): Promise<number> {
    const r = await this.admin.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_stat_activity
       WHERE datname = $1 AND application_name = 'masq' AND NOT (pid = ANY ($2::int[]))`,
      [this.database, this.except],
    );
    return Number(r.rows[0]!.n);
  }

  /** Polls until a batch is mid-way (true), or `ms` pass (false). */
  async waitForWrite(ms: number, stop: () => boolean = () => false): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until && !stop()) {
      if (await this.writing()) return true;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return false;
  }

  /** Ends every session of masq on the database, as an administrator would; → how many. */
  async terminate(): Promise<number> {
    // Two steps: in one query the planner may call pg_terminate_backend before the filters.
    const found = await this.admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = $1 AND application_name = 'masq' AND NOT (pid = ANY ($2::int[]))`,
      [this.database, this.except],
    );
    const pids = found.rows.map((r) => r.pid);
    if (pids.length === 0) return 0;
    const ended = await this.admin.query<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM unnest($1::int[]) AS pid',
      [pids],
    );
    return ended.rows.filter((r) => r.ended).length;
  }
}
