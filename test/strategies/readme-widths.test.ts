import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dictionaryOf } from '../../src/strategies/dictionaries.js';
import { FIELD_TYPES, UNIQUE_SUFFIX } from '../../src/strategies/field-types.js';
import type { FieldType } from '../../src/strategies/field-types.js';
import { characters, minimumRoom } from '../../src/strategies/fitted-dictionary.js';
import { UNIQUE_SUFFIX_WIDTH } from '../../src/strategies/unique-suffix.js';

/** The README's table of widths per field type, read back: it must say what the code does. */
function readmeWidths(): Map<string, string[]> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('| field type | all entries fit from |');
  const rows = readme.slice(start).split('\n').slice(2);
  const widths = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.startsWith('|')) break;
    const [types, ...cells] = row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const names = types!.split('·').map((t) => t.trim().replaceAll('`', ''));
    // `a · b` cells hold one value per type of an `a · b` row; a single value holds for all.
    names.forEach((name, i) =>
      widths.set(
        name,
        cells.map((c) => {
          const parts = c.split('·').map((p) => p.trim());
          return parts[i] ?? parts[0]!;
        }),
      ),
    );
  }
  return widths;
}

describe('the README table of widths', () => {
  const table = readmeWidths();
  it.each(FIELD_TYPES)('%s', (type: FieldType) => {
    const longest = Math.max(...dictionaryOf(type).map(characters));
    const narrowest = minimumRoom(type);
    const unique = UNIQUE_SUFFIX[type]
      ? [String(longest + UNIQUE_SUFFIX_WIDTH), String(narrowest + UNIQUE_SUFFIX_WIDTH)]
      : ['—', '—'];
    expect(table.get(type)).toEqual([String(longest), String(narrowest), ...unique]);
  });
});
