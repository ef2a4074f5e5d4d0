/**
 * The keyed fingerprint of a run's secrets, as SQL: HMAC-SHA256 keyed by the secrets over a fixed
 * label, the same value `secretsMark()` (src/exec/secrets-mark.ts) computes in Node. The key is
 * every secret as a 4-byte big-endian UTF-8 length and its UTF-8 bytes, so ("ab", "c") and
 * ("a", "bc") differ. Written with core functions only (no pgcrypto), so the psql script can
 * compute it from the session's settings.
 *
 * Why keyed, and what it gives away: the progress log is readable by whoever may read the
 * bookkeeping schema. A plain SHA-256(salt) there would be worse than a hash of an unknown: the
 * `hash fast` seed *is* the first bytes of SHA-256(salt), so it would hand out the seed. HMAC
 * under its own label is unrelated to every other value derived from the salt; it lets a reader
 * test a guessed salt at the cost of a hash, which the masked values already allow (hash a known
 * value under the guess), and nothing more. A salt must therefore be long and random, as the
 * README says.
 */
export const SECRETS_MARK_LABEL = 'masq progress secrets v1';

export function secretsMarkSql(secrets: readonly string[]): string {
  const raw = secrets
    .map((s) => `int4send(octet_length(convert_to(${s}, 'UTF8'))) || convert_to(${s}, 'UTF8')`)
    .join(' || ');
  const pad = (byte: number) =>
    `decode(string_agg(lpad(to_hex(get_byte(k.k, i) # ${byte}), 2, '0'), '' ORDER BY i), 'hex')`;
  // HMAC: a key longer than the 64-byte block is hashed first, then zero-padded to the block.
  return `(SELECT encode(sha256(x.o || sha256(x.i || convert_to('${SECRETS_MARK_LABEL}', 'UTF8'))), 'hex')
   FROM (SELECT ${pad(0x36)} AS i, ${pad(0x5c)} AS o
         FROM (SELECT r.r || decode(repeat('00', 64 - octet_length(r.r)), 'hex') AS k
               FROM (SELECT CASE WHEN octet_length(a.raw) > 64 THEN sha256(a.raw) ELSE a.raw END AS r
                     FROM (SELECT ${raw} AS raw) AS a) AS r) AS k,
              generate_series(0, 63) AS i) AS x)`;
}
