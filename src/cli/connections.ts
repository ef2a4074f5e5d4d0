import type { Plan } from '../ir/plan.js';
import type { Env } from '../exec/resolve-refs.js';
import { resolveUrl } from '../exec/resolve-refs.js';

/** Connection URLs chosen at run time (flags, environment file), over the plan's references. */
export interface Connections {
  readonly sourceUrl?: string;
  readonly targetUrl?: string;
}

export function resolveConnections(
  plan: Plan,
  chosen: Connections,
  env: Env,
): { source: string; target: string } {
  return {
    source: chosen.sourceUrl ?? resolveUrl(plan.source.url, 'source', env),
    target: chosen.targetUrl ?? resolveUrl(plan.target.url, 'target', env),
  };
}
