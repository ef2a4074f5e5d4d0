import { isMap, isScalar } from 'yaml';
import type { ColumnRule, Param, ParamValue } from '../../ast/spec.js';
import type { Located, Span } from '../../diagnostics/span.js';
import { isEmpty } from './reader.js';
import type { Entry, YamlReader } from './reader.js';
import { isRefText, toValueRef } from './value-ref.js';

/**
 * One column's rule: a bare strategy name (`notes: nullify`) or
 * `{ strategy, params: { name: value, … }, unique: true }`. Shared by both YAML forms.
 */
export function readColumnRule(r: YamlReader, entry: Entry, table: string): ColumnRule | undefined {
  const where = `${table}.${entry.key.value}`;
  if (isEmpty(entry.value)) {
    r.error('MASQ004', `the rule of ${where} needs a strategy`, entry.key.span);
    return undefined;
  }
  if (isScalar(entry.value)) return bareRule(r, entry, where);
  if (!isMap(entry.value)) {
    r.wrongShape(entry.value, `the rule of ${where} must be a strategy or a mapping`, entry.span);
    return undefined;
  }
  let strategy: Located<string> | undefined;
  let params: Param[] = [];
  let unique: Span | undefined;
  const fields = r.entries(entry.value, `the rule of ${where}`, entry.span);
  r.dispatch(
    fields,
    {
      strategy: (e) => (strategy = r.string(e.value, 'strategy', e.span)),
      params: (e) => (params = readParams(r, e, where)),
      unique: (e) => {
        if (r.boolean(e.value, 'unique', e.span)?.value) unique = e.span;
      },
    },
    `in the rule of ${where}`,
  );
  if (!strategy) {
    // A strategy of the wrong shape was reported where it is written.
    if (!fields.some((f) => f.key.value === 'strategy')) {
      r.error('MASQ004', `the rule of ${where} needs a strategy`, entry.key.span);
    }
    return undefined;
  }
  return rule(entry, strategy, params, unique);
}

function bareRule(r: YamlReader, entry: Entry, where: string): ColumnRule | undefined {
  const strategy = r.string(entry.value, `the rule of ${where}`, entry.span);
  return strategy && rule(entry, strategy, [], undefined);
}

function rule(entry: Entry, strategy: Located<string>, params: Param[], unique?: Span): ColumnRule {
  const args = params.length ? `(${params.map(renderParam).join(', ')})` : '';
  const text = `${entry.key.value} ${strategy.value}${args}${unique ? ' unique' : ''}`;
  const base = { column: entry.key, strategy, params, span: entry.span, text };
  return unique ? { ...base, unique } : base;
}

function readParams(r: YamlReader, entry: Entry, where: string): Param[] {
  const params: Param[] = [];
  for (const e of r.entries(entry.value, `params of ${where}`, entry.span)) {
    const value = paramValue(r, e);
    if (value) params.push({ name: e.key, value, span: e.span });
  }
  return params;
}

/** YAML numbers and booleans keep their type; strings are refs when they read env()/file(). */
function paramValue(r: YamlReader, e: Entry): ParamValue | undefined {
  const n = e.value;
  const v = isScalar(n) ? n.value : undefined;
  if (n && typeof v === 'number') return { kind: 'number', value: v, raw: r.source(n) };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (n && typeof v === 'string') {
    if (!isRefText(v)) return { kind: 'string', value: v };
    const span = r.span(n);
    return { kind: 'ref', ref: toValueRef(v, span, (m) => r.error('MASQ004', m, span)) };
  }
  r.wrongShape(n, `parameter ${e.key.value} must be a number, a string or true/false`, e.span);
  return undefined;
}

function renderParam(p: Param): string {
  const name = p.name ? `${p.name.value}: ` : '';
  return name + renderValue(p.value);
}

function renderValue(v: ParamValue): string {
  switch (v.kind) {
    case 'number':
      return v.raw;
    case 'bool':
      return String(v.value);
    case 'ident':
      return v.value;
    case 'string':
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(v.value) ? v.value : JSON.stringify(v.value);
    case 'ref':
      if (v.ref.kind === 'env') return `env(${v.ref.name})`;
      if (v.ref.kind === 'file') return `file(${JSON.stringify(v.ref.path)})`;
      return JSON.stringify(v.ref.value);
  }
}
