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
