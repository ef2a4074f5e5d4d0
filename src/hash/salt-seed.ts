import { createHash } from 'node:crypto';

/**
 * The 64-bit seed `hash fast` passes to hashtextextended. It equals the SQL
 * `('x' || substr(encode(sha256(convert_to(salt,'UTF8')),'hex'),1,16))::bit(64)::bigint`,
 * so a script may derive it in the database without the salt being written anywhere.
 */
export function seedFromSalt(salt: string): bigint {
  return createHash('sha256').update(salt, 'utf8').digest().readBigInt64BE(0);
}
