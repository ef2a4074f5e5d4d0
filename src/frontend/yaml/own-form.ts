import { isMap } from 'yaml';
import type { ColumnRule, Endpoint, Spec, TableSpec } from '../../ast/spec.js';
import type { Located } from '../../diagnostics/span.js';
import { readColumnRule } from './column-rule.js';
import { isEmpty } from './reader.js';
import type { Entry, YamlReader } from './reader.js';
import { readPercent } from './sample.js';
import { sharedSettings } from './settings.js';
import type { SpecDraft } from './settings.js';
import { toValueRef } from './value-ref.js';

/** masq's own YAML form: the DSL's settings and tables, one to one. */
export function readOwnForm(r: YamlReader, top: readonly Entry[]): Spec {
  const spec: SpecDraft = { file: r.file, format: 'yaml', tables: [] };
  r.dispatch(
    top,
    {
      ...sharedSettings(r, spec),
      source: (e) => (spec.source = readEndpoint(r, e)),
      target: (e) => (spec.target = readEndpoint(r, e)),
      default: (e) => {
        const mode = r.string(e.value, 'default', e.span);
        if (mode?.value === 'keep') spec.defaultKeep = e.span;
        else if (mode) r.error('MASQ004', `default must be keep, got "${mode.value}"`, mode.span);
      },
      tables: (e) => (spec.tables = readTables(r, e)),
    },
    'at the top level',
  );
  return spec;
}

function readEndpoint(r: YamlReader, entry: Entry): Endpoint | undefined {
  const what = entry.key.value;
  let engine: Located<string> | undefined;
  let url: Endpoint['url'] | undefined;
  let schema: Located<string> | undefined;
  const fields = r.entries(entry.value, what, entry.span);
  if (!isMap(entry.value)) return undefined;
  r.dispatch(
    fields,
    {
      engine: (e) => (engine = r.string(e.value, `${what} engine`, e.span)),
      url: (e) => {
        const text = r.string(e.value, `${what} url`, e.span);
        if (!text) return;
        url = toValueRef(text.value, text.span, (m) => r.error('MASQ004', m, text.span));
      },
      schema: (e) => (schema = r.string(e.value, `${what} schema`, e.span)),
    },
    `in ${what}`,
  );
  if (!engine || !url) {
    const missing = !engine ? 'an engine' : 'a url';
    r.error('MASQ004', `${what} needs ${missing}`, entry.key.span);
    return undefined;
  }
  return schema ? { engine, url, schema, span: entry.span } : { engine, url, span: entry.span };
}

function readTables(r: YamlReader, entry: Entry): TableSpec[] {
  const repeat = { code: 'MASQ018', message: (t: string) => `table ${t} is listed twice` } as const;
  return r.entries(entry.value, 'tables', entry.span, repeat).map((t) => readTable(r, t));
}

function readTable(r: YamlReader, entry: Entry): TableSpec {
  const table: { -readonly [K in keyof TableSpec]: TableSpec[K] } = {
    name: entry.key,
    rules: [],
    span: entry.span,
  };
  if (isEmpty(entry.value)) return table;
  const name = entry.key.value;
  r.dispatch(
    r.entries(entry.value, `table ${name}`, entry.span),
    {
      key: (e) => (table.key = readKey(r, e)),
      sample: (e) => (table.sample = readPercent(r, e.value, 'sample', e.span)),
      where: (e) => (table.where = r.string(e.value, 'where', e.span)),
      limit: (e) => (table.limit = r.integer(e.value, 'limit', e.span, 0)),
      columns: (e) => (table.rules = readColumns(r, e, name)),
    },
    `in table ${name}`,
  );
  return table;
}

/** `key: id` or `key: [a, b]`. */
function readKey(r: YamlReader, e: Entry): Located<string>[] {
  const one = r.deref(e.value);
  const items = one && 'items' in one ? r.items(one, 'key', e.span) : [one];
  return items.flatMap((item) => r.string(item, 'a key column', e.span) ?? []);
}

function readColumns(r: YamlReader, entry: Entry, table: string): ColumnRule[] {
  const repeat = {
    code: 'MASQ017',
    message: (c: string) => `column ${table}.${c} is given two rules`,
  } as const;
  const columns = r.entries(entry.value, `columns of ${table}`, entry.span, repeat);
  return columns.flatMap((c) => readColumnRule(r, c, table) ?? []);
}
