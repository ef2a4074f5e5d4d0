import type { ColumnPlan, HashMode, Plan } from '../../ir/plan.js';
import type { PgLowering } from '../../strategies/strategy.js';
import { portableHashLateral } from './portable-hash-sql.js';
import { dictionaryPickSql } from './dictionary-sql.js';
import { SEED_SETTING, secretSql } from './secrets-sql.js';

/**
 * The keyed hashes one SELECT needs. Each distinct hashed text gets one LATERAL subquery, so a
 * value hashed by several strategies (and by the sample) is hashed once per row.
 */
export class HashRegistry {
  private readonly laterals = new Map<string, string>();

  constructor(private readonly mode: HashMode) {}

  /** A bigint expression: the keyed 64-bit hash of `textSql` under the plan's salt. */
  keyed(textSql: string): string {
    // fast mode carries the salt in the seed; portable mode hashes salt ‖ value like MongoDB will.
    if (this.mode === 'fast')
      return `hashtextextended(${textSql}, (SELECT current_setting('${SEED_SETTING}')::bigint))`;
    const input = `${secretSql(0)} || ${textSql}`;
    let alias = this.laterals.get(input);
    if (!alias) {
      alias = `h${this.laterals.size + 1}`;
      this.laterals.set(input, alias);
    }
    return `${alias}.masq_h`;
  }

  /** `CROSS JOIN LATERAL (…) AS hN` clauses, in the order the hashes were first asked for. */
  joins(): string[] {
    return [...this.laterals].map(
      ([input, alias]) => `CROSS JOIN LATERAL ${portableHashLateral(input)} AS ${alias}`,
    );
  }
}

/** The lowering context of one column, inside a SELECT whose source row is `s`. */
export function columnLowering(
  plan: Plan,
  column: ColumnPlan,
  hashes: HashRegistry,
  value: string,
): PgLowering {
  const text = `${value}::text`;
  return {
    value,
    column,
    hashMode: plan.hashMode,
    keyedHash: () => hashes.keyed(text),
    // Portable: the keyed hashes of the value and of \x01 ‖ value, which MongoDB can compute.
    // Fast: md5 of salt ‖ value. Not hashtextextended: its raw output would give away the seed
    // (lookup3 is not a keyed hash), and with it every other value's.
    uniqueToken: () =>
      plan.hashMode === 'fast'
        ? `md5(${secretSql(0)} || ${text})`
        : `lpad(to_hex(${hashes.keyed(text)}), 16, '0') || lpad(to_hex(${hashes.keyed(`chr(1) || ${text}`)}), 16, '0')`,
    secret: secretSql,
    dictionary: (fieldType) => {
      const values = plan.dictionaries[fieldType];
      if (!values) throw new Error(`plan has no dictionary for ${fieldType}`);
      return { size: values.length, pick: (index) => dictionaryPickSql(values, index) };
    },
  };
}
