import { createHash } from 'node:crypto';

/** BSON's canonical type number for strings, which MongoDB hashes ahead of the value. */
const CANONICAL_STRING_TYPE = 15;

/**
 * MongoDB's `$toHashedIndexKey` of a BSON string, so a hash computed in PostgreSQL
 * (by the inline md5 form) or here matches what a MongoDB pipeline computes.
 */
export function portableHash(text: string): bigint {
  const bytes = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(12);
  header.writeInt32LE(0, 0); // hash seed, always 0 for hashed indexes
  header.writeInt32LE(CANONICAL_STRING_TYPE, 4);
  header.writeInt32LE(bytes.length + 1, 8); // BSON string length counts the trailing NUL
  const digest = createHash('md5').update(header).update(bytes).update(Buffer.of(0)).digest();
  return digest.readBigInt64LE(0);
}
