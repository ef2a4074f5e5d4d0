import { createHash } from 'node:crypto';
import type { Plan } from './plan.js';

/** JSON with object keys sorted, so equal plans give equal bytes whatever built them. */
export function stableStringify(
  value: unknown,
  indent = 0,
  omit: ReadonlySet<string> = new Set(),
): string {
  return JSON.stringify(sortKeys(value, omit), null, indent);
}

function sortKeys(value: unknown, omit: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, omit));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort())
      if (!omit.has(k)) out[k] = sortKeys((value as Record<string, unknown>)[k], omit);
    return out;
  }
  return value;
}

// Neither where rules were written nor the batch size changes what a plan writes: a moved line
// or another --batch-size must not make a half-finished run look like another plan's.
const NOT_CONTENT = new Set(['spec', 'origin', 'hash', 'batchSize']);

/** The plan's content hash: what it does, not where its rules were written. */
export function planHash(plan: Plan): string {
  return createHash('sha256')
    .update(stableStringify(plan, 0, NOT_CONTENT))
    .digest('hex')
    .slice(0, 16);
}

/** The plan file: the plan plus its hash, stable key order, two-space indent. */
export function serializePlan(plan: Plan): string {
  return stableStringify({ ...plan, hash: planHash(plan) }, 2) + '\n';
}

/** Reads a plan file, refusing other formats, newer versions and edited contents. */
export function parsePlan(text: string, file: string): Plan {
  const data = JSON.parse(text) as Plan & { hash?: string };
  if (data.format !== 'masq-plan') throw new Error(`${file}: not a masq plan file`);
  if (data.version !== 1)
    throw new Error(`${file}: plan version ${String(data.version)} is not supported by this masq`);
  const { hash, ...plan } = data;
  if (hash !== planHash(plan))
    throw new Error(`${file}: the plan's content does not match its hash; recompile it`);
  return plan;
}
