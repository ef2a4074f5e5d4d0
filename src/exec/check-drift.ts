import { diffColumns, fingerprint } from '../catalog/fingerprint.js';
import { introspect } from '../catalog/introspect.js';
import { findTable } from '../catalog/snapshot.js';
import type { Connection } from '../db/connection.js';
import type { Plan } from '../ir/plan.js';
import { EXIT, MasqError } from './errors.js';

/**
 * Refuses to run a plan whose source tables changed since it was compiled: a new column would be
 * copied by no rule, a changed type could break a lowering. Names every drifted column.
 */
export async function checkDrift(plan: Plan, source: Connection): Promise<void> {
  const live = await introspect(source, plan.source.schema);
  const problems: string[] = [];
  for (const table of plan.tables) {
    const now = findTable(live, table.name);
    if (!now) {
      problems.push(`  ${table.name}: the table is gone`);
      continue;
    }
    if (fingerprint(now) === table.postgres.fingerprint) continue;
    for (const d of diffColumns(table.postgres.schema, now))
      problems.push(`  ${table.name}.${d.column}: ${d.change} (${d.detail})`);
  }
  if (problems.length)
    throw new MasqError(
      `error MASQ060: the source schema ${plan.source.schema} changed since plan "${plan.name}" was compiled:\n${problems.join('\n')}\nrecompile the spec (and give new columns a rule) before running`,
      EXIT.drift,
    );
}
