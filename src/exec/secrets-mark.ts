import { createHmac } from 'node:crypto';
import { SECRETS_MARK_LABEL } from '../emit/postgres/secrets-mark-sql.js';

/**
 * The keyed fingerprint of a run's secrets recorded with its progress, so that a resume under
 * other secrets is refused (secrets-mark-sql.ts says why it is keyed, and computes the same
 * value in SQL for the psql script). Never the secrets themselves.
 */
export function secretsMark(secrets: readonly string[]): string {
  const key = Buffer.concat(
    secrets.flatMap((s) => {
      const bytes = Buffer.from(s, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return [length, bytes];
    }),
  );
  return createHmac('sha256', key).update(SECRETS_MARK_LABEL, 'utf8').digest('hex');
}
