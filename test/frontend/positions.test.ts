import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { parseMasq } from '../../src/frontend/masq/index.js';
import { parseYamlSpec } from '../../src/frontend/yaml/index.js';
import { at } from '../support/text-position.js';

/**
 * Positions agree with what editors show, whatever the line breaks and whatever multi-line
 * token came before. Each expected range is marked in the input text itself.
 */
const BREAKS = [
  ['\\n', '\n'],
  ['\\r\\n', '\r\n'],
  ['lone \\r', '\r'],
] as const;

/** The line, column and end of a diagnostic, and the text it points at. */
function place(d: Diagnostic | undefined, text: string) {
  const s = d?.span;
  return s && { line: s.line, column: s.column, text: text.slice(s.offset, s.endOffset) };
}

function expected(text: string, needle: string, nth = 0) {
  const { line, column } = at(text, needle, nth);
  return { line, column, text: needle };
}

const MULTI_LINE_YAML = {
  'a literal block scalar': 'where: |\n      a = 1\n      or b = 2\n',
  'a folded block scalar': 'where: >-\n      a = 1\n\n      or b = 2\n',
  'a double-quoted string over lines': 'where: "a = 1\n      or b = 2"\n',
  'a single-quoted string over lines': "where: 'a = 1\n\n      or b = 2'\n",
  'a plain scalar over lines': 'where: a = 1\n      or b = 2\n',
};

describe.each(BREAKS)('positions with %s line breaks', (_name, nl) => {
  const lines = (...l: string[]) => l.join('\n').replace(/\n/g, nl);

  describe.each(Object.entries(MULTI_LINE_YAML))('YAML after %s', (_kind, token) => {
    const table = (after: string) =>
      lines('salt: env(S)', 'tables:', '  t:', `    ${token.replace(/\n$/, '')}`, after, '');

    it('an unknown setting is found where it is written', () => {
      const text = table('    wherre: x');
      const d = parseYamlSpec(text, 'f.yaml').diagnostics.find((x) => x.code === 'MASQ006');
      expect(place(d, text)).toEqual(expected(text, 'wherre'));
    });

    it('a syntax error is found where it is written', () => {
      const text = table('    limit: @x');
      const d = parseYamlSpec(text, 'f.yaml').diagnostics.find((x) => x.code === 'MASQ003');
      expect(place(d, text)).toEqual(expected(text, '@'));
    });
  });

  describe('YAML problems the yaml package places on blank space or on nothing', () => {
    const spec = (...rest: string[]) => lines('salt: env(S)', 'tables:', '  t:', ...rest, '');
    const first = (text: string, code: string) =>
      parseYamlSpec(text, 'f.yaml').diagnostics.find((d) => d.code === code);
    /** Where a problem at the end of the input points: after the last character. */
    const end = (text: string) => {
      const before = text.split(/\r\n|\r|\n/);
      return { line: before.length, column: before[before.length - 1]!.length + 1, text: '' };
    };

    it('a mapping item indented less than the one before it: on the item, not its indentation', () => {
      const text = spec('    columns:', '      a: keep', '     b: keep');
      expect(place(first(text, 'MASQ003'), text)).toEqual(expected(text, 'b:'));
    });

    it('a tab in the indentation: on the item after it', () => {
      const text = spec('    columns:', '\t- a');
      expect(place(first(text, 'MASQ003'), text)).toEqual(expected(text, '-'));
    });

    it('a BOM inside the indentation: on the BOM, which String.trim would drop', () => {
      const text = spec('    columns:', '      a: keep', '   \ufeff   b: keep');
      expect(place(first(text, 'MASQ003'), text)).toEqual(expected(text, '\ufeff'));
    });

    it('a no-break space after a value: on it, as YAML takes it for text', () => {
      const text = spec('    columns: { a: "4"\u00a0 }');
      expect(place(first(text, 'MASQ003'), text)).toEqual(expected(text, '\u00a0'));
    });

    it('a key that is only a tag, or only an anchor: on the tag or the anchor', () => {
      const text = lines('salt: env(S)', '!!binary : x', '&a : y', '');
      const keys = parseYamlSpec(text, 'f.yaml').diagnostics.filter((d) => d.code === 'MASQ004');
      expect(keys.map((d) => place(d, text))).toEqual([
        expected(text, '!!binary'),
        expected(text, '&a'),
      ]);
    });

    it('a key that is only a tag inside a flow mapping: on the tag', () => {
      const text = lines('salt: env(S)', 'tables: {!!binary : x}', '');
      expect(place(first(text, 'MASQ004'), text)).toEqual(expected(text, '!!binary'));
    });

    it('a missing closing quote: at the end of the input, inside it', () => {
      const text = spec('    columns: { a: keep, b: "x }');
      const d = first(text, 'MASQ003');
      expect(d?.message).toMatch(/Missing closing "quote/);
      expect(place(d, text)).toEqual(end(text));
      expect(d?.span?.endOffset).toBe(text.length);
    });

    it('a flow mapping left open: at the end of the input, not one past it', () => {
      const text = spec('    columns: { a: keep');
      const d = first(text, 'MASQ003');
      expect(place(d, text)).toEqual(end(text));
      expect(d?.span?.endOffset).toBe(text.length);
    });
  });

  it('the DSL: a lexing error after a comment, a setting given twice after a string', () => {
    const text = lines(
      '# a comment',
      'salt env(S)',
      'table t {',
      '  where "a = 1"',
      '  b keep @',
      '}',
      'batch 10',
      'batch 20',
      '',
    );
    const { diagnostics } = parseMasq(text, 'f.masq');
    expect(diagnostics.map((d) => d.code)).toEqual(['MASQ001', 'MASQ005']);
    expect(place(diagnostics[0], text)).toEqual(expected(text, '@'));
    expect(place(diagnostics[1], text)).toEqual(expected(text, 'batch 20'));
  });

  it('the quoted source line is the line the position names', () => {
    const text = lines('salt env(S)', '# c', 'table t {', '  b keep @', '}', '');
    const d = parseMasq(text, 'f.masq').diagnostics[0]!;
    const printed = formatDiagnostic(d, new Map([['f.masq', text]]));
    expect(printed.split('\n').slice(2)).toEqual(['4 |   b keep @', '  |          ^']);
  });
});
