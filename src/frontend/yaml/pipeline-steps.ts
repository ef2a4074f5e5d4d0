import { isMap, isSeq } from 'yaml';
import type { ColumnRule } from '../../ast/spec.js';
import type { Located, Span } from '../../diagnostics/span.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { readColumnRule } from './column-rule.js';
import { isEmpty } from './reader.js';
import type { Entry, YamlNode, YamlReader } from './reader.js';
import { readMinimize } from './sample.js';
import type { Minimize } from './sample.js';

const STEP_TYPES = ['copy', 'sanitize_obfuscate', 'minimize'] as const;
export type StepType = (typeof STEP_TYPES)[number];

/** One table named in a step, with what the step does to it. */
export interface Collection {
  readonly name: Located<string>;
  readonly span: Span;
  readonly rules: readonly ColumnRule[];
  readonly minimize: Minimize;
}

export interface Step {
  readonly name: string;
  readonly type: string;
  /** Absent when the type is unknown or unsupported (already reported). */
  readonly kind?: StepType;
  readonly order: number;
  readonly span: Span;
  readonly sourceDb?: Located<string>;
  readonly destDb?: Located<string>;
  readonly collections: readonly Collection[];
}

/** The steps of `pipelines:`, in file order, each checked for shape on its own. */
export function readSteps(r: YamlReader, entry: Entry): Step[] {
  const items = r.items(entry.value, 'pipelines', entry.span);
  if (isSeq(entry.value) && items.length === 0) {
    r.error('MASQ004', 'pipelines has no steps', entry.key.span);
  }
  return items.flatMap((s, i) => readStep(r, s, i, entry.span));
}

function readStep(r: YamlReader, node: YamlNode, index: number, at: Span): Step[] {
  const what = `step ${index + 1} of pipelines`;
  const span = node && !isEmpty(node) ? r.span(node) : at;
  const fields = r.entries(node, what, span);
  if (fields.length === 0) {
    if (isMap(node)) r.error('MASQ004', `${what} is empty`, span);
    return [];
  }
  const step: { -readonly [K in keyof Step]: Step[K] } = {
    name: `step ${index + 1}`,
    type: '',
    order: index + 1,
    span,
    collections: [],
  };
  let collections: Entry | undefined;
  r.dispatch(
    fields,
    {
      step: (e) => (step.name = r.string(e.value, 'step', e.span)?.value ?? step.name),
      type: (e) => {
        const type = r.string(e.value, 'type', e.span);
        step.type = type?.value ?? '';
        step.kind = type && stepKind(r, type);
      },
      order: (e) => (step.order = r.integer(e.value, 'order', e.span, 0)?.value ?? step.order),
      source_db: (e) => (step.sourceDb = r.string(e.value, 'source_db', e.span)),
      dest_db: (e) => (step.destDb = r.string(e.value, 'dest_db', e.span)),
      collections: (e) => (collections = e),
    },
    `in ${what}`,
  );
  for (const required of ['type', 'source_db', 'dest_db', 'collections']) {
    if (!fields.some((f) => f.key.value === required)) {
      r.error('MASQ004', `step "${step.name}" needs ${required}`, fields[0]!.key.span);
    }
  }
  if (collections && step.kind) step.collections = readCollections(r, collections, step.kind);
  return [step];
}

function stepKind(r: YamlReader, type: Located<string>): StepType | undefined {
  const kind = STEP_TYPES.find((t) => t === type.value);
  if (kind) return kind;
  const message =
    type.value === 'refresh'
      ? 'step type refresh is not supported yet'
      : `step type "${type.value}" is not supported${didYouMean(type.value, STEP_TYPES)}`;
  r.error('MASQ040', message, type.span);
  return undefined;
}

function readCollections(r: YamlReader, entry: Entry, kind: StepType): Collection[] {
  const node = r.deref(entry.value);
  if (kind === 'copy' && isSeq(node)) {
    return r.items(node, 'collections', entry.span).flatMap((item) => {
      const name = r.string(item, 'a collection name', entry.span);
      return name ? [{ name, span: name.span, rules: [], minimize: {} }] : [];
    });
  }
  const repeat = {
    code: 'MASQ018',
    message: (t: string) => `collection ${t} is listed twice`,
  } as const;
  return r.entries(node, 'collections', entry.span, repeat).map((c) => readCollection(r, c, kind));
}

function readCollection(r: YamlReader, c: Entry, kind: StepType): Collection {
  const table = c.key.value;
  const none: Collection = { name: c.key, span: c.span, rules: [], minimize: {} };
  switch (kind) {
    case 'copy':
      if (c.value && !isEmpty(c.value) && !(isMap(c.value) && c.value.items.length === 0)) {
        const message = `a copy step copies whole tables: list ${table} without fields and mask them in a sanitize_obfuscate step`;
        r.error('MASQ004', message, r.span(c.value));
      }
      return none;
    case 'sanitize_obfuscate': {
      if (isEmpty(c.value)) return none;
      const repeat = {
        code: 'MASQ017',
        message: (f: string) => `field ${table}.${f} is given two rules`,
      } as const;
      const fields = r.entries(c.value, `fields of ${table}`, c.span, repeat);
      return { ...none, rules: fields.flatMap((f) => readColumnRule(r, f, table) ?? []) };
    }
    case 'minimize':
      return { ...none, minimize: readMinimize(r, c) };
  }
}
