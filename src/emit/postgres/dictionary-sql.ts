import { literalTextArray } from './quote.js';

/**
 * The SQL of `values[index]` (`index` a 0-based integer expression). The dictionary is one
 * bytea constant of fixed-width slots, a length byte then the value's UTF-8 bytes, so a pick
 * is two byte-offset reads. Subscripting a text[] walks its variable-width elements up to the
 * one asked for: on 1,000 entries that costs ~1 µs a pick against ~0.15 µs (bench/results.md).
 */
export function dictionaryPickSql(values: readonly string[], index: string): string {
  const encoded = values.map((v) => Buffer.from(v, 'utf8'));
  const width = 1 + Math.max(0, ...encoded.map((b) => b.length));
  // A value too long for a length byte: the plain array, slower but exact.
  if (width > 256) return `(${literalTextArray(values)})[1 + ${index}]`;
  const slots = Buffer.alloc(width * values.length);
  encoded.forEach((bytes, i) => {
    slots[i * width] = bytes.length;
    bytes.copy(slots, i * width + 1);
  });
  // decode() of a constant is folded once at planning, whatever standard_conforming_strings says.
  const dict = `decode('${slots.toString('hex')}', 'hex')`;
  const at = `(${index})::int * ${width}`;
  return `convert_from(substring(${dict} FROM ${at} + 2 FOR get_byte(${dict}, ${at})), 'UTF8')`;
}
