import type { Connection } from '../db/connection.js';
import { transaction } from '../db/transaction.js';

/** A function, or an operator with the function that implements it, as the catalog has it. */
export interface RoutineInfo {
  readonly schema: string;
  readonly name: string;
  /** pg_proc.provolatile: immutable, stable or volatile. */
  readonly volatility: 'i' | 's' | 'v';
  /** pg_proc.prokind: function, aggregate, window function, procedure. */
  readonly kind: 'f' | 'a' | 'w' | 'p';
  /** For an operator: its function, `schema.name`. */
  readonly implementedBy?: string;
}

/** Every function and operator of the source database bearing one of the names looked up. */
export interface RoutineCatalog {
  readonly functions: readonly RoutineInfo[];
  readonly operators: readonly RoutineInfo[];
}

const FUNCTIONS_SQL = `
SELECT n.nspname AS schema, p.proname AS name, p.provolatile AS volatility, p.prokind AS kind
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE p.proname = ANY($1::text[])`;

const OPERATORS_SQL = `
SELECT n.nspname AS schema, o.oprname AS name, p.provolatile AS volatility, p.prokind AS kind,
       pn.nspname || '.' || p.proname AS "implementedBy"
FROM pg_catalog.pg_operator o
JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
JOIN pg_catalog.pg_proc p ON p.oid = o.oprcode
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
WHERE o.oprname = ANY($1::text[])`;

/**
 * Looks the names up in every schema, not only the search path's: an unqualified call may
 * resolve to a same-named function in any schema the run's search path happens to list.
 * Catalog reads only, in a READ ONLY transaction.
 */
export async function lookupRoutines(
  conn: Connection,
  names: { readonly functions: readonly string[]; readonly operators: readonly string[] },
): Promise<RoutineCatalog> {
  if (names.functions.length === 0 && names.operators.length === 0)
    return { functions: [], operators: [] };
  return transaction(conn, 'BEGIN READ ONLY', async () => {
    const functions = (await conn.query<RoutineInfo>(FUNCTIONS_SQL, [names.functions])).rows;
    const operators = (await conn.query<RoutineInfo>(OPERATORS_SQL, [names.operators])).rows;
    return { functions, operators };
  });
}
