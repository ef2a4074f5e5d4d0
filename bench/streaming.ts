import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Connection } from '../src/db/connection.js';
import type { Plan } from '../src/ir/plan.js';
import type { Contender } from './contenders.js';
import { withTargetTable } from './contenders.js';
import { SOURCE_SCHEMA, TABLE, TARGET_SCHEMA } from './data.js';
import { compileRowMasker, formatCopyLine, parseCopyLine } from './js-masker.js';
import type { RowMasker } from './js-masker.js';

/**
 * The streaming baseline: what most masking tools do, written as well as we can. Rows leave
 * the source by COPY TO STDOUT, are masked in Node (the same outputs as masq's SQL, checked by
 * digest), and enter the target by COPY FROM STDIN, all three stages pipelined as streams.
 */
export function streaming(name: string, url: string, plan: Plan, salt: string): Contender {
  const columns = copyPlan(plan, salt);
  return {
    name,
    run: async () => {
      const source = new pg.Client({ connectionString: url });
      const target = new pg.Client({ connectionString: url });
      await Promise.all([source.connect(), target.connect()]);
      try {
        // The same text forms masq pins, so COPY prints values the way masq hashes them.
        await source.query(
          `SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1`,
        );
        const conn = asConnection(target);
        await withTargetTable(conn, plan, () =>
          pipeline(
            source.query(copyTo(`COPY ${SOURCE_SCHEMA}.${TABLE} (${columns.out}) TO STDOUT`)),
            maskLines(columns.mask),
            target.query(copyFrom(`COPY ${TARGET_SCHEMA}.${TABLE} (${columns.in}) FROM STDIN`)),
          ),
        );
      } finally {
        await Promise.all([source.end(), target.end()]);
      }
    },
  };
}

/**
 * The column lists of both COPYs, and the masker wrapped to drop generated columns from its
 * output: they are read (the masker takes every column) but recomputed by the target.
 */
function copyPlan(plan: Plan, salt: string) {
  const table = plan.tables[0]!;
  const names = (cs: typeof table.columns) => cs.map((c) => `"${c.name}"`).join(', ');
  const mask = compileRowMasker(plan, table, [salt]);
  const written = table.columns.flatMap((c, i) => (c.generated ? [] : [i]));
  return {
    out: names(table.columns),
    in: names(table.columns.filter((c) => !c.generated)),
    mask: (fields: readonly (string | null)[]) => {
      const masked = mask(fields);
      return written.map((i) => masked[i]!);
    },
  };
}

/** COPY text in, masked COPY text out, line by line across chunk boundaries. */
export function maskLines(mask: RowMasker): Transform {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const masked = (lines: string[]) =>
    lines.map((line) => formatCopyLine(mask(parseCopyLine(line))) + '\n').join('');
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop()!;
      done(null, masked(lines));
    },
    flush(done) {
      const tail = rest + decoder.end();
      done(null, tail ? masked([tail]) : '');
    },
  });
}

/** The few Connection calls withTargetTable makes, over a plain pg client. */
function asConnection(client: pg.Client): Connection {
  return {
    engine: 'postgres-server',
    copyEndpoint: { from: 'STDIN', to: 'STDOUT' },
    query: async (sql, params) => {
      const r = await client.query(sql, params as unknown[] | undefined);
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    },
    exec: async (sql) => {
      await client.query(sql);
    },
    copyOut: () => Promise.reject(new Error('not used')),
    copyIn: () => Promise.reject(new Error('not used')),
    identity: () => Promise.reject(new Error('not used')),
    close: () => client.end(),
  };
}

/**
 * The same baseline on PGlite, which has no COPY streams: batches of `batch` rows in key
 * order go out to a blob, through the masker, and back in from a blob.
 */
export function streamingPglite(
  name: string,
  conn: Connection,
  plan: Plan,
  salt: string,
  batch = 10000,
): Contender {
  const keyIndex = plan.tables[0]!.columns.findIndex((c) => c.name === 'id');
  const columns = copyPlan(plan, salt);
  return {
    name,
    run: () =>
      withTargetTable(conn, plan, async () => {
        await conn.exec(
          `SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1`,
        );
        let lo = 0n;
        for (;;) {
          const out = await conn.copyOut(
            `COPY (SELECT ${columns.out} FROM ${SOURCE_SCHEMA}.${TABLE} WHERE id > ${lo} ORDER BY id LIMIT ${batch}) TO '/dev/blob'`,
          );
          if (out.length === 0) break;
          const lines = out.toString('utf8').split('\n');
          lines.pop();
          const rows = lines.map((line) => columns.mask(parseCopyLine(line)));
          lo = BigInt(parseCopyLine(lines[lines.length - 1]!)[keyIndex]!);
          await conn.copyIn(
            `COPY ${TARGET_SCHEMA}.${TABLE} (${columns.in}) FROM '/dev/blob'`,
            Buffer.from(rows.map((r) => formatCopyLine(r) + '\n').join('')),
          );
        }
      }),
  };
}
