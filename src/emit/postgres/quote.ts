/**
 * The only two ways text reaches generated SQL. Everything a user or a database named goes
 * through `ident`; every value goes through `literal`.
 */
export function ident(name: string): string {
  if (name.includes('\0')) throw new Error('identifier contains a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.table`, both parts quoted. */
export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/**
 * A string literal that means the same whatever standard_conforming_strings says: backslashes
 * switch to the E'' form, where they are doubled.
 */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return number(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value.includes('\0'))
    throw new Error('text contains a NUL character, which PostgreSQL cannot store');
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/**
 * A number as SQL text. Every amount a strategy puts into SQL comes through here: `${n}` of
 * Infinity or NaN would print a column name (or a syntax error) where a number was meant.
 */
export function number(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a SQL number`);
  return String(value);
}

/** A text[] constant: one literal in array syntax, parsed once per statement. */
export function literalTextArray(values: readonly string[]): string {
  const elements = values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
  return `${literal(`{${elements.join(',')}}`)}::text[]`;
}
