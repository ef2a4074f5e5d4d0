/** The session setting a secret lives in while masq's statements run; never its value. */
export function secretSetting(index: number): string {
  return index === 0 ? 'masq.salt' : `masq.salt_${index}`;
}

/** The psql variable a script reads secret number `index` from (`-v masq_salt=…`). */
export function secretVariable(index: number): string {
  return index === 0 ? 'masq_salt' : `masq_salt_${index}`;
}

/**
 * A secret, read once per statement: a scalar subquery with no outer reference is an InitPlan,
 * where a bare current_setting() call would run (and be parsed) again for every row.
 */
export function secretSql(index: number): string {
  return `(SELECT current_setting('${secretSetting(index)}'))`;
}

/** `hash fast` seed: the first 8 bytes of SHA-256(salt), big-endian, as a signed bigint. */
export function seedFromSaltSql(saltSql: string): string {
  return `('x' || substr(encode(sha256(convert_to(${saltSql}, 'UTF8')), 'hex'), 1, 16))::bit(64)::bigint`;
}

export const SEED_SETTING = 'masq.seed';
