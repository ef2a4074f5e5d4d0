import { createHash } from 'node:crypto';
import type { ColumnPlan, Plan, TablePlan } from './plan.js';

/**
 * JSON with object keys sorted, so equal plans give equal bytes whatever built them. Throws on a
 * number JSON cannot hold (Infinity, NaN): JSON.stringify would write `null`, and a plan that says
 * "shift by null" runs as "shift by 0".
 */
export function stableStringify(value: unknown, indent = 0): string {
  return JSON.stringify(sortKeys(value, '$'), null, indent);
}

function sortKeys(value: unknown, path: string): unknown {
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error(`${path} is ${value}, which a plan cannot hold`);
  if (Array.isArray(value)) return value.map((v, i) => sortKeys(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort())
      out[k] = sortKeys((value as Record<string, unknown>)[k], `${path}.${k}`);
    return out;
  }
  return value;
}

/**
 * What a plan does, without what does not change it: where the spec and its rules were written
 * (a moved line must not make a half-finished run look like another plan's), the batch size, and
 * the hash itself. Each is dropped where the IR keeps it (plan.ts), never by name at any depth:
 * a strategy parameter called `hash` or `origin` is content. The bookkeeping schema is content:
 * an edited one could point masq's writes at the source schema.
 */
function content(plan: Plan): unknown {
  return without({ ...plan, tables: plan.tables.map(tableContent) }, 'spec', 'batchSize', 'hash');
}

function tableContent(table: TablePlan): unknown {
  return { ...without(table, 'origin'), columns: table.columns.map(columnContent) };
}

function columnContent(column: ColumnPlan): unknown {
  return { ...column, rule: without(column.rule, 'origin') };
}

function without(value: object, ...keys: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  for (const k of keys) delete copy[k];
  return copy;
}

/** The plan's content hash: what it does, not where its rules were written. */
export function planHash(plan: Plan): string {
  return createHash('sha256')
    .update(stableStringify(content(plan)))
    .digest('hex')
    .slice(0, 16);
}

/** The plan file: the plan plus its hash, stable key order, two-space indent. */
export function serializePlan(plan: Plan): string {
  return stableStringify({ ...plan, hash: planHash(plan) }, 2) + '\n';
}

/** Reads a plan file, refusing other formats, newer versions and edited contents. */
export function parsePlan(text: string, file: string): Plan {
  const data = JSON.parse(text) as Omit<Plan, 'version'> & { version: unknown; hash?: string };
  if (data.format !== 'masq-plan') throw new Error(`${file}: not a masq plan file`);
  if (data.version === 1)
    throw new Error(
      `${file}: a plan of version 1, compiled by an earlier masq: compile the spec again (masq compile)`,
    );
  if (data.version !== 2)
    throw new Error(`${file}: plan version ${String(data.version)} is not supported by this masq`);
  const { hash, ...rest } = data;
  const plan = rest as Plan;
  if (hash !== planHash(plan))
    throw new Error(`${file}: the plan's content does not match its hash; recompile it`);
  return plan;
}
