import type { RoutineCatalog, RoutineInfo } from '../catalog/routines.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import {
  BUILTIN_FUNCTIONS,
  BUILTIN_OPERATORS,
  BUILTIN_TYPES,
  neverReason,
} from './where-builtins.js';
import type { QualifiedName } from './where-nodes.js';

/** Why a name is refused, and the code to say it with. */
export interface Refusal {
  readonly code: DiagnosticCode;
  readonly message: string;
}

const VOLATILE = 'volatile (it may change the database or return a new value on each call)';

/**
 * Decides whether a predicate may call a function. pg_catalog functions must be on masq's list;
 * any other function must be known to the source catalog as immutable or stable, so without
 * the catalog (`--schema FILE`, or no schema) it cannot be checked and is refused.
 */
export function judgeFunction(
  fn: QualifiedName,
  catalog: RoutineCatalog | undefined,
): Refusal | undefined {
  const shown = `${show(fn)}()`;
  const never = neverReason(fn.name);
  if (never) return refuse(`${shown} is never allowed in a where predicate: ${never}`);
  const builtin = BUILTIN_FUNCTIONS.has(fn.name);
  if (fn.schema === 'pg_catalog' || (fn.schema === undefined && builtin && !catalog)) {
    return builtin ? undefined : refuse(`${shown} is not among the built-in functions masq allows`);
  }
  if (!catalog)
    return {
      code: 'MASQ053',
      message: `${shown} is not among the built-in functions masq allows; if it is a function of the source database, compile against the source (--source URL) so masq can check in its catalog that it changes nothing`,
    };
  // Unqualified, the search path picks among every schema's functions of that name, so all of
  // them must be acceptable; pg_catalog's only when they are on the list.
  const candidates = catalog.functions.filter(
    (f) => f.name === fn.name && (fn.schema === undefined || f.schema === fn.schema),
  );
  const others = candidates.filter((f) => f.schema !== 'pg_catalog');
  if (candidates.length === 0) return refuse(`${shown} does not exist in the source database`);
  if (!builtin && others.length < candidates.length)
    return refuse(`${shown} is not among the built-in functions masq allows`);
  return refuseAny(others, shown);
}

/** Operators: built-in ones by name; any other through the function that implements it. */
export function judgeOperator(
  op: QualifiedName,
  catalog: RoutineCatalog | undefined,
): Refusal | undefined {
  const shown = `operator ${show(op)}`;
  const builtin = BUILTIN_OPERATORS.has(op.name);
  if (op.schema === 'pg_catalog' || (op.schema === undefined && builtin && !catalog))
    return builtin ? undefined : refuse(`${shown} is not among the built-in operators masq allows`);
  if (!catalog)
    return {
      code: 'MASQ053',
      message: `${shown} is not among the built-in operators masq allows; if it is an operator of the source database, compile against the source (--source URL) so masq can check in its catalog that it changes nothing`,
    };
  const candidates = catalog.operators.filter(
    (o) => o.name === op.name && (op.schema === undefined || o.schema === op.schema),
  );
  const others = candidates.filter((o) => o.schema !== 'pg_catalog');
  if (candidates.length === 0) return refuse(`${shown} does not exist in the source database`);
  if (!builtin && others.length < candidates.length)
    return refuse(`${shown} is not among the built-in operators masq allows`);
  for (const o of others) {
    const never = neverReason(o.implementedBy?.split('.').pop() ?? '');
    if (never) return refuse(`${shown} calls ${o.implementedBy}(): ${never}`);
  }
  return refuseAny(others, shown);
}

/** Casts run a type's input and cast functions: built-in types only. */
export function judgeType(type: QualifiedName): Refusal | undefined {
  if ((type.schema === undefined || type.schema === 'pg_catalog') && BUILTIN_TYPES.has(type.name))
    return undefined;
  return refuse(
    `a cast to ${show(type)} is not allowed: cast to a built-in type, or compare with a quoted value, which PostgreSQL converts to the column's type`,
  );
}

function refuseAny(routines: readonly RoutineInfo[], shown: string): Refusal | undefined {
  const bad = routines.find((r) => r.kind !== 'f' || r.volatility === 'v');
  if (!bad) return undefined;
  const what = bad.kind !== 'f' ? 'an aggregate, window function or procedure' : VOLATILE;
  const which = bad.implementedBy ?? `${bad.schema}.${bad.name}`;
  return refuse(`${shown} is not allowed: ${which}() is ${what}`);
}

function refuse(message: string): Refusal {
  return { code: 'MASQ051', message };
}

function show(name: QualifiedName): string {
  return name.schema === undefined ? name.name : `${name.schema}.${name.name}`;
}
