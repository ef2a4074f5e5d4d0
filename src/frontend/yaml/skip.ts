import type { Located } from '../../diagnostics/span.js';
import type { Entry, YamlReader } from './reader.js';
import type { SpecDraft } from './settings.js';

/**
 * `skip tables: [audit_log, sessions]` (or one name) and `skip other tables: true`: the DSL's
 * `skip table …` and `skip other tables`, as keys that read the same.
 */
export function skipSettings(r: YamlReader, spec: SpecDraft): Record<string, (e: Entry) => void> {
  return {
    'skip tables': (e) => (spec.skipTables = readNames(r, e)),
    'skip other tables': (e) => {
      if (r.boolean(e.value, 'skip other tables', e.span)?.value) spec.skipOthers = e.span;
    },
  };
}

function readNames(r: YamlReader, e: Entry): Located<string>[] {
  const value = r.deref(e.value);
  const items = value && 'items' in value ? r.items(value, 'skip tables', e.span) : [value];
  return items.flatMap((item) => r.string(item, 'a table name', e.span) ?? []);
}
