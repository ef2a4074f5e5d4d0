import type { Located, Span } from '../diagnostics/span.js';
import { spanFromOffsets } from '../diagnostics/span.js';

/** Where in the file a range [start, end) of a string's value was written. */
export type ValueSpan = (start: number, end: number) => Span;

/**
 * A string value reaches analysis decoded: `\"` in the DSL, `''` in a YAML single-quoted
 * scalar, folded lines in YAML. Aligning the value with its literal's text in the file puts a
 * caret under the character a problem is in; when the two cannot be aligned (no source text),
 * the whole literal is the span.
 */
export function valueSpans(literal: Located<string>, fileText: string | undefined): ValueSpan {
  const whole: ValueSpan = () => literal.span;
  const { offset, endOffset, file } = literal.span;
  if (fileText === undefined) return whole;
  const raw = fileText.slice(offset, endOffset);
  const ranges = align(literal.value, raw);
  if (!ranges) return whole;
  return (start, end) => {
    const from = ranges[Math.min(start, ranges.length - 1)];
    const to = ranges[Math.max(start, Math.min(end, ranges.length) - 1)];
    if (!from || !to) return literal.span;
    return spanFromOffsets(file, fileText, offset + from[0], offset + Math.max(from[1], to[1]));
  };
}

/** For each character of the value, the [start, end) of its spelling in the raw literal. */
function align(value: string, raw: string): [number, number][] | undefined {
  const escapes = raw.startsWith('"');
  const doubled = raw.startsWith("'");
  let j = escapes || doubled ? 1 : /^[|>]/.test(raw) ? raw.indexOf('\n') + 1 : 0;
  const ranges: [number, number][] = [];
  for (let i = 0; i < value.length; i++) {
    for (;;) {
      // A span leaves out trailing line breaks that a YAML block scalar's value keeps.
      if (j >= raw.length && /\s/.test(value[i]!)) {
        ranges.push([raw.length, raw.length]);
        break;
      }
      if (j >= raw.length) return undefined;
      if (escapes && raw[j] === '\\') {
        const length = escapeLength(raw[j + 1]);
        if (length === 0) {
          j = skipLineBreak(raw, j + 1);
          continue;
        }
        ranges.push([j, j + length]);
        j += length;
        break;
      }
      if (doubled && raw[j] === "'" && raw[j + 1] === "'" && value[i] === "'") {
        ranges.push([j, j + 2]);
        j += 2;
        break;
      }
      if (raw[j] === value[i]) {
        ranges.push([j, j + 1]);
        j += 1;
        break;
      }
      // Indentation and line folds of a YAML scalar: not part of the value.
      j++;
    }
  }
  return ranges;
}

/** Characters a backslash escape spans; 0 for an escaped line break, which spells nothing. */
function escapeLength(next: string | undefined): number {
  if (next === '\n' || next === '\r') return 0;
  return next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
}

function skipLineBreak(raw: string, j: number): number {
  let k = j;
  while (k < raw.length && /[\r\n \t]/.test(raw[k]!)) k++;
  return k;
}
