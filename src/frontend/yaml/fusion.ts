import type { ColumnRule, TableSpec } from '../../ast/spec.js';
import type { Located } from '../../diagnostics/span.js';
import type { Collection, Step } from './pipeline-steps.js';
import type { YamlReader } from './reader.js';
import type { Minimize } from './sample.js';

export interface Fused {
  readonly tables: TableSpec[];
  readonly source?: Located<string>;
  readonly target?: Located<string>;
}

/** The one source → target pair every step must fit, set by the first step between two dbs. */
interface Chain {
  readonly source: Located<string>;
  readonly target: Located<string>;
  readonly step: Step;
}

/** A table's single pass as the steps build it up, and which step gave each part. */
interface Pass {
  readonly first: Collection;
  readonly rules: ColumnRule[];
  readonly minimize: Minimize;
  readonly steps: string[];
  readonly givenBy: Map<string, string>;
}

/**
 * Fuses steps, already in execution order, into one pass per table. A step copies its tables
 * from the source database into the target (masking or sampling them on the way); a step within
 * one database on tables an earlier step copied there joins that step's pass. Steps that do not
 * share one source and one target are refused.
 */
export function fuse(r: YamlReader, steps: readonly Step[]): Fused {
  let chain: Chain | undefined;
  const passes = new Map<string, Pass>();
  for (const step of steps) {
    const { sourceDb: from, destDb: to } = step;
    if (!step.kind || !from || !to) continue;
    for (const c of step.collections) {
      // Work within one database on a table an earlier step copied there joins that pass;
      // anything else is a pass of its own from `from` (its public schema, within one
      // database) into `to`.
      const pass =
        from.value === to.value && to.value === chain?.target.value
          ? passes.get(c.name.value)
          : undefined;
      if (pass) {
        merge(r, pass, step, c);
        continue;
      }
      chain ??= { source: from, target: to, step };
      if (fitsChain(r, chain, step, from, to)) copyInto(r, passes, step, c, to.value);
    }
  }
  const tables = [...passes.values()].map(toTable);
  return chain ? { tables, source: chain.source, target: chain.target } : { tables };
}

function fitsChain(
  r: YamlReader,
  chain: Chain,
  step: Step,
  from: Located<string>,
  to: Located<string>,
) {
  const wrong =
    from.value !== chain.source.value ? from : to.value !== chain.target.value ? to : undefined;
  if (!wrong) return true;
  const route = (s: Located<string>, t: Located<string>) => `${s.value} → ${t.value}`;
  r.error(
    'MASQ042',
    `step "${step.name}" (${route(from, to)}) cannot be fused with step "${chain.step.name}" ` +
      `(${route(chain.source, chain.target)}): masq runs one pass from one source database to one target database`,
    wrong.span,
  );
  return false;
}

function copyInto(r: YamlReader, passes: Map<string, Pass>, step: Step, c: Collection, db: string) {
  const earlier = passes.get(c.name.value);
  if (earlier) {
    r.error(
      'MASQ018',
      `table ${c.name.value} is copied into ${db} twice (steps "${earlier.steps[0]}" and "${step.name}"); ` +
        `to mask it after the copy, give the later step source_db: ${db}`,
      c.name.span,
    );
    return;
  }
  const pass: Pass = { first: c, rules: [], minimize: {}, steps: [], givenBy: new Map() };
  passes.set(c.name.value, pass);
  merge(r, pass, step, c);
}

function merge(r: YamlReader, pass: Pass, step: Step, c: Collection) {
  const table = c.name.value;
  const claim = (part: string, what: string, at: Located<unknown>) => {
    const by = pass.givenBy.get(part);
    if (by === undefined) {
      pass.givenBy.set(part, step.name);
      return true;
    }
    const code = part.startsWith('column ') ? 'MASQ017' : 'MASQ005';
    r.error(code, `${what} is given by two steps ("${by}" and "${step.name}")`, at.span);
    return false;
  };
  for (const rule of c.rules) {
    const column = rule.column.value;
    if (claim(`column ${column}`, `a rule for ${table}.${column}`, rule.column))
      pass.rules.push(rule);
  }
  const { sample, where, limit } = c.minimize;
  if (sample && claim('sample', `the sample of ${table}`, sample)) pass.minimize.sample = sample;
  if (where && claim('where', `the where of ${table}`, where)) pass.minimize.where = where;
  if (limit && claim('limit', `the limit of ${table}`, limit)) pass.minimize.limit = limit;
  if (pass.steps.at(-1) !== step.name) pass.steps.push(step.name);
}

function toTable(pass: Pass): TableSpec {
  const { sample, where, limit } = pass.minimize;
  return {
    name: pass.first.name,
    rules: pass.rules,
    span: pass.first.span,
    ...(sample && { sample }),
    ...(where && { where }),
    ...(limit && { limit }),
    fusedFrom: pass.steps,
  };
}
