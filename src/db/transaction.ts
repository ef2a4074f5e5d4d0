import type { Connection } from './connection.js';

/**
 * Runs `fn` inside one transaction of `conn`, opened by `begin` (the emitter's BEGIN, which
 * may set the isolation, READ ONLY and a snapshot to import): committed when `fn` resolves,
 * rolled back when it throws. The rollback's own failure (a lost connection) is not the
 * error the caller needs to see, so the first error wins.
 */
export async function transaction<T>(
  conn: Connection,
  begin: string,
  fn: () => Promise<T>,
): Promise<T> {
  await conn.exec(begin);
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    await conn.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
  await conn.exec('COMMIT');
  return result;
}
