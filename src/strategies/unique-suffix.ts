/**
 * What `substitute(…) unique` adds to the picked value: a separator and 12 characters that
 * spell 60 keyed bits of the value in base 32 (Crockford's digits, lowercase: no i, l, o, u,
 * so a suffix reads unambiguously and survives a case-insensitive comparison).
 *
 * The pick and the suffix come from two keyed hashes of the value (of v and of \x01 ‖ v), so
 * two distinct values share an output only if they share the dictionary entry AND the 60 bits:
 * for n distinct values, P(any collision) ≤ n(n−1)/2 · Σ pᵢ² · 2⁻⁶⁰ (collisionBound). Every
 * run checks the source for a collision before it writes anything (MASQ063).
 */
export const SUFFIX_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const SUFFIX_DIGITS = 12;
export const SUFFIX_BITS = SUFFIX_DIGITS * 5;
/** The separator and the digits: what a unique rule needs beyond the dictionary entry. */
export const UNIQUE_SUFFIX_WIDTH = 1 + SUFFIX_DIGITS;

/** The suffix characters of `bits` (its low 60 bits), in-process; the engines spell them the
 *  same (emit/postgres/unique-suffix-sql.ts, emit/mongodb/unique-suffix.ts). */
export function suffixText(bits: bigint): string {
  let out = '';
  for (let i = SUFFIX_DIGITS - 1; i >= 0; i--)
    out += SUFFIX_ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
  return out;
}

/** Where the suffix goes: before the @ of an address (so it stays an address), else after. */
export function withSuffix(
  pick: string,
  suffix: string,
  placement: 'local-part' | 'append',
): string {
  if (placement === 'append') return `${pick}-${suffix}`;
  const at = pick.lastIndexOf('@');
  return `${pick.slice(0, at)}.${suffix}${pick.slice(at)}`;
}

/**
 * The union bound on any two of `n` distinct values sharing a unique output, for a dictionary
 * whose slots may repeat entries (a fitted one does): Σ pᵢ² is the chance two values land on
 * one entry, 2⁻⁶⁰ that their suffixes agree, and there are n(n−1)/2 pairs.
 */
export function collisionBound(dictionary: readonly string[], n: number): number {
  const counts = new Map<string, number>();
  for (const v of dictionary) counts.set(v, (counts.get(v) ?? 0) + 1);
  let sameEntry = 0;
  for (const c of counts.values()) sameEntry += (c / dictionary.length) ** 2;
  return ((n * (n - 1)) / 2) * sameEntry * 2 ** -SUFFIX_BITS;
}
