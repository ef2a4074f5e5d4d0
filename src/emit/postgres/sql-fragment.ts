/**
 * SQL text the emitter built itself, from quoted names and literals. Templates insert only
 * these (through the `sql` helper), so a plain string from a user can never reach a script raw.
 */
export interface SqlFragment {
  readonly sql: string;
}

export function fragment(sql: string): SqlFragment {
  return { sql };
}

export function isFragment(value: unknown): value is SqlFragment {
  return (
    typeof value === 'object' && value !== null && typeof (value as SqlFragment).sql === 'string'
  );
}
