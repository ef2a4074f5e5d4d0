import type { ColumnPlan, HashMode, Plan } from '../../ir/plan.js';
import type { PgLowering } from '../../strategies/strategy.js';
import { portableHashLateral } from './portable-hash-sql.js';
import { dictionaryPickSql } from './dictionary-sql.js';
import { literal, number } from './quote.js';
import { suffixSql } from './unique-suffix-sql.js';
import { SEED_SETTING, secretSql } from './secrets-sql.js';

/**
 * The keyed hashes one SELECT needs. Each distinct hashed text gets one LATERAL subquery, so a
 * value hashed by several strategies (and by the sample) is hashed once per row.
 */
export class HashRegistry {
  private readonly laterals = new Map<string, string>();
  private readonly digests = new Map<string, string>();

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

  /**
   * A bigint column whose low 60 bits are keyed bits of `textSql`, independent of keyed():
   * portable, the keyed hash of \x01 ‖ value, which MongoDB can compute; fast, the head of
   * md5(salt ‖ value). Not hashtextextended: its output, shown in a suffix, would give away
   * the seed (lookup3 is not a keyed hash), and with it every other value's hash.
   */
  uniqueBits(textSql: string): string {
    // Fenced in a LATERAL of its own either way: the suffix reads it 12 times, and the planner
    // would otherwise inline the portable hash's byte reads (or the md5) into every read.
    const input =
      this.mode === 'portable'
        ? this.keyed(`chr(1) || ${textSql}`)
        : `('x' || substr(md5(${secretSql(0)} || ${textSql}), 1, 15))::bit(60)::bigint`;
    let alias = this.digests.get(input);
    if (!alias) {
      alias = `u${this.digests.size + 1}`;
      this.digests.set(input, alias);
    }
    return `${alias}.masq_u`;
  }

  /** `CROSS JOIN LATERAL (…) AS hN` clauses, in the order the hashes were first asked for. */
  joins(): string[] {
    return [
      ...[...this.laterals].map(
        ([input, alias]) => `CROSS JOIN LATERAL ${portableHashLateral(input)} AS ${alias}`,
      ),
      // OFFSET 0: a fence, so the suffix's 12 reads do not each compute the hash.
      ...[...this.digests].map(
        ([input, alias]) => `CROSS JOIN LATERAL (SELECT ${input} AS masq_u OFFSET 0) AS ${alias}`,
      ),
    ];
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
    uniqueBits: () => hashes.uniqueBits(text),
    suffix: suffixSql,
    secret: secretSql,
    literal,
    number,
    hashMod: (hash, n) => `((${hash} % ${number(n)}) + ${number(n)}) % ${number(n)}`,
    castToColumn: (expr) => `${expr}::${column.type}`,
    dictionary: (key) => {
      const values = plan.dictionaries[key];
      if (!values) throw new Error(`plan has no dictionary ${key}`);
      return { size: values.length, pick: (index) => dictionaryPickSql(values, index) };
    },
  };
}
