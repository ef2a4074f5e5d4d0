import { describe, expect, it } from 'vitest';
import { parseMasq } from '../../src/frontend/masq/index.js';
import { parseYamlSpec } from '../../src/frontend/yaml/index.js';
import { at } from '../support/text-position.js';

/** The diagnostic of `code`, with where it points. */
function found(
  diagnostics: readonly { code: string; span?: { offset: number; endOffset: number } }[],
  code: string,
) {
  return diagnostics
    .filter((d) => d.code === code)
    .map((d) => ({ offset: d.span?.offset, endOffset: d.span?.endOffset }));
}

describe('values no plan can hold are refused where they are written', () => {
  it('a DSL number past a double is MASQ025 on the number', () => {
    const big = '9'.repeat(400);
    const text = `salt env(S)\ntable t {\n  a perturb(abs: ${big})\n}\n`;
    const { offset, endOffset } = at(text, big);
    expect(found(parseMasq(text, 'f.masq').diagnostics, 'MASQ025')).toEqual([
      { offset, endOffset },
    ]);
  });

  it('a NUL in a DSL string or quoted name is MASQ026 on the NUL', () => {
    const text = 'salt env(S)\ntable t {\n  `a\0b` constant("x\0y")\n}\n';
    const first = at(text, '\0');
    const second = at(text, '\0', 1);
    expect(found(parseMasq(text, 'f.masq').diagnostics, 'MASQ026')).toEqual([
      { offset: first.offset, endOffset: first.endOffset },
      { offset: second.offset, endOffset: second.endOffset },
    ]);
  });

  it('a NUL outside any string is MASQ001, and the message shows it as an escape', () => {
    const text = 'salt env(S)\ntable t {\n  a keep \0\n}\n';
    const d = parseMasq(text, 'f.masq').diagnostics.find((x) => x.code === 'MASQ001');
    expect(d?.message).toBe('unexpected character "\\u0000"');
    expect(d?.span?.offset).toBe(at(text, '\0').offset);
  });

  it.each(['.inf', '-.inf', '.NaN', '1e400'])(
    'YAML %s is MASQ025 on the value, said once',
    (value) => {
      const text = `salt: env(S)\nbatch: ${value}\ntables:\n  t:\n    columns:\n      a: { strategy: perturb, params: { abs: ${value} } }\n`;
      const spec = parseYamlSpec(text, 'f.yaml');
      const first = at(text, value);
      const second = at(text, value, 1);
      expect(spec.diagnostics.map((d) => [d.code, d.span?.offset])).toEqual([
        ['MASQ025', first.offset],
        ['MASQ025', second.offset],
      ]);
    },
  );

  it('a NUL in a YAML key or value is MASQ026', () => {
    const text = 'salt: env(S)\ntables:\n  "t\\0":\n    where: "a\\x00"\n';
    const spec = parseYamlSpec(text, 'f.yaml');
    expect(found(spec.diagnostics, 'MASQ026').map((s) => s.offset)).toEqual([
      at(text, '"t').offset,
      at(text, '"a').offset,
    ]);
  });
});
