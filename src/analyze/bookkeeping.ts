import type { Spec } from '../ast/spec.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { error } from '../diagnostics/diagnostic.js';
import type { EndpointPlan } from '../ir/plan.js';
import { DEFAULT_BOOKKEEPING_SCHEMA } from '../ir/plan.js';

/** PostgreSQL cuts longer names (NAMEDATALEN − 1): a cut name could become the target's. */
const MAX_NAME_BYTES = 63;

/**
 * The schema masq keeps its progress in, in the target database. It must be a schema of its
 * own: in the target schema its tables would sit among the user's, and in the source schema of
 * one database masq would write into its source. The source's name is refused across databases
 * too: the spec cannot know whether the two URLs name one database (run-plan.ts asks the servers).
 */
export function bookkeepingSchema(
  spec: Spec,
  source: EndpointPlan,
  target: EndpointPlan,
  diagnostics: Diagnostic[],
): string {
  const written = spec.bookkeepingSchema;
  const name = written?.value ?? DEFAULT_BOOKKEEPING_SCHEMA;
  const span = written?.span ?? spec.target?.schema?.span ?? spec.source?.schema?.span;
  const role = name === target.schema ? 'target' : name === source.schema ? 'source' : undefined;
  if (role)
    diagnostics.push(
      error(
        'MASQ080',
        `the bookkeeping schema "${name}" is the ${role} schema: masq keeps its progress in a schema of its own, never among your tables; name another with bookkeeping schema NAME`,
        span,
      ),
    );
  else if (Buffer.byteLength(name) > MAX_NAME_BYTES)
    diagnostics.push(
      error(
        'MASQ081',
        `the bookkeeping schema name "${name}" is longer than ${MAX_NAME_BYTES} bytes, which PostgreSQL would cut`,
        span,
      ),
    );
  else if (name.startsWith('pg_'))
    diagnostics.push(
      error(
        'MASQ081',
        `the bookkeeping schema name "${name}" begins with pg_, which PostgreSQL keeps for system schemas`,
        span,
      ),
    );
  return name;
}
