/** SQLSTATE connection_failure: what a session that vanished without a word reports. */
const CONNECTION_FAILURE = '08006';

const SQLSTATE = /^[0-9A-Z]{5}$/;
const DROPPED = /Connection terminated|not queryable|connection error|socket hang up/i;

/**
 * The error a dead session reports, with a SQLSTATE whatever ended it: the server's own
 * (57P01 when terminated by an administrator) or 08006 for a socket that closed or failed
 * (Node's codes: ECONNRESET…), so that one classification by SQLSTATE decides whether a retry
 * can help. Any other error passes unchanged.
 */
export function connectionLost(e: Error): Error {
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && SQLSTATE.test(code)) return e;
  if (typeof code !== 'string' && !DROPPED.test(e.message)) return e;
  return Object.assign(new Error(`connection lost: ${e.message}`), { code: CONNECTION_FAILURE });
}
