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

interface RoutineKind {
  readonly builtins: ReadonlySet<string>;
  readonly entries: (catalog: RoutineCatalog) => readonly RoutineInfo[];
  readonly shown: (name: QualifiedName) => string;
  readonly plural: string;
}

const FUNCTIONS: RoutineKind = {
  builtins: BUILTIN_FUNCTIONS,
  entries: (c) => c.functions,
  shown: (n) => `${show(n)}()`,
  plural: 'functions',
};

const OPERATORS: RoutineKind = {
  builtins: BUILTIN_OPERATORS,
  entries: (c) => c.operators,
  shown: (n) => `operator ${show(n)}`,
  plural: 'operators',
};

export function judgeFunction(fn: QualifiedName, catalog?: RoutineCatalog): Refusal | undefined {
  return judge(FUNCTIONS, fn, catalog);
}

/** An operator is as safe as the function that implements it. */
export function judgeOperator(op: QualifiedName, catalog?: RoutineCatalog): Refusal | undefined {
  return judge(OPERATORS, op, catalog);
}

/**
 * pg_catalog's functions and operators must be on masq's list; any other must be known to the
 * source catalog as immutable or stable, so without the catalog (`--schema FILE`, or no
 * schema) it cannot be checked and is refused.
 */
function judge(
  kind: RoutineKind,
  ref: QualifiedName,
  catalog?: RoutineCatalog,
): Refusal | undefined {
  const shown = kind.shown(ref);
  const never = neverReason(ref.name);
  if (never) return refuse(`${shown} is never allowed in a where predicate: ${never}`);
  const builtin = kind.builtins.has(ref.name);
  const offList = `${shown} is not among the built-in ${kind.plural} masq allows`;
  if (ref.schema === 'pg_catalog') return builtin ? undefined : refuse(offList);
  if (ref.schema === undefined && builtin && !catalog) return undefined;
  if (!catalog)
    return {
      code: 'MASQ053',
      message: `${offList}; if the source database defines it, compile against the source (--source URL) so masq can check in its catalog that it changes nothing`,
    };
  // Unqualified, the search path picks among every schema's entries of that name, so all of
  // them must be acceptable; pg_catalog's only when they are on the list.
  const candidates = kind
    .entries(catalog)
    .filter((r) => r.name === ref.name && (ref.schema === undefined || r.schema === ref.schema));
  const others = candidates.filter((r) => r.schema !== 'pg_catalog');
  if (!builtin && candidates.length === 0)
    return refuse(`${shown} does not exist in the source database`);
  if (!builtin && others.length < candidates.length) return refuse(offList);
  for (const r of others) {
    const calls = r.implementedBy?.split('.').pop();
    const reason = calls && neverReason(calls);
    if (reason) return refuse(`${shown} calls ${r.implementedBy}(): ${reason}`);
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
