import { visit } from 'yaml';
import type { Document, ParsedNode } from 'yaml';
import type { YamlReader } from './reader.js';

/**
 * Refuses, wherever they are written (keys, settings, parameters, either form), the scalars that
 * no masq value can be: `.inf`, `.nan` and numbers too large for a double such as `1e400`
 * (a plan would store them as null and a shift by null is a shift by 0), and text with a NUL
 * character, which PostgreSQL text cannot hold. Each is reported once, at the node; the reader
 * then stays quiet about its shape.
 */
export function checkScalars(r: YamlReader, doc: Document.Parsed): void {
  visit(doc, {
    Scalar(_key, node) {
      const { value } = node;
      const parsed = node as ParsedNode;
      if (typeof value === 'number' && !Number.isFinite(value)) {
        const written = r.source(parsed);
        const what = Number.isNaN(value)
          ? 'not a number'
          : /inf/i.test(written)
            ? 'infinite'
            : 'too large for a number';
        r.refuse(parsed, 'MASQ025', `${written} is ${what}: write a finite number`);
      } else if (typeof value === 'string' && value.includes('\0')) {
        r.refuse(
          parsed,
          'MASQ026',
          'text with a NUL character (\\0): PostgreSQL text cannot hold it',
        );
      }
    },
  });
}
