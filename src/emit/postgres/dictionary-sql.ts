import { literalTextArray } from './quote.js';

/**
 * The SQL of `values[index]` (`index` a 0-based integer expression). The dictionary is one
 * bytea constant of fixed-width slots, a length byte then the value's UTF-8 bytes, so a pick
 * is two byte-offset reads. Subscripting a text[] walks its variable-width elements up to the
 * one asked for: on 1,000 entries that costs ~1 µs a pick against ~0.15 µs (bench/results.md).
 */
export function dictionaryPickSql(values: readonly string[], index: string): string {
  const slots = slotted(values);
  // A value too long for a length byte: the plain array, slower but exact.
  if (!slots) return `(${literalTextArray(values)})[1 + ${index}]`;
  const at = `(${index})::int * ${slots.width}`;
  return `convert_from(substring(${slots.sql} FROM ${at} + 2 FOR get_byte(${slots.sql}, ${at})), 'UTF8')`;
}

// A plan's dictionaries are picked from in every table that substitutes: encode each once.
const encodedDictionaries = new WeakMap<readonly string[], { sql: string; width: number } | null>();

function slotted(values: readonly string[]): { sql: string; width: number } | null {
  let slots = encodedDictionaries.get(values);
  if (slots === undefined) {
    const encoded = values.map((v) => Buffer.from(v, 'utf8'));
    const width = 1 + Math.max(0, ...encoded.map((b) => b.length));
    const bytes = Buffer.alloc(width * values.length);
    encoded.forEach((value, i) => {
      bytes[i * width] = value.length;
      value.copy(bytes, i * width + 1);
    });
    // decode() of a constant is folded once at planning, whatever standard_conforming_strings says.
    slots = width > 256 ? null : { sql: `decode('${bytes.toString('hex')}', 'hex')`, width };
    encodedDictionaries.set(values, slots);
  }
  return slots;
}
