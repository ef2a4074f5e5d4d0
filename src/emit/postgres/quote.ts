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
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a SQL literal`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value.includes('\0'))
    throw new Error('text contains a NUL character, which PostgreSQL cannot store');
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/** A text[] constant: one literal in array syntax, parsed once per statement. */
export function literalTextArray(values: readonly string[]): string {
  const elements = values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
  return `${literal(`{${elements.join(',')}}`)}::text[]`;
}
