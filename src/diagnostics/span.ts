/** A range of source text. Lines and columns are 1-based; offsets are 0-based, end exclusive. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly offset: number;
  readonly endOffset: number;
}

/** A value together with where it was written. */
export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

/** Builds a span from 0-based offsets, computing lines and columns from the text. */
export function spanFromOffsets(
  file: string,
  text: string,
  offset: number,
  endOffset: number,
): Span {
  const starts = lineStarts(text);
  const start = lineColumn(starts, offset);
  const end = lineColumn(starts, endOffset);
  return {
    file,
    offset,
    endOffset,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}

/**
 * Line breaks as editors and YAML 1.2 count them: `\r\n`, `\n`, and a lone `\r` (old Mac files).
 * The DSL lexer (chevrotain's default line terminators) counts the same three.
 */
export const LINE_BREAK = /\r\n?|\n/g;

/** The lines of a text, split at every kind of line break. */
export function sourceLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

// Every node of a spec gets a span: index each text's line starts once, not per span, or a
// 200-table spec spends seconds rescanning itself.
let indexed: { text: string; starts: number[] } | undefined;

function lineStarts(text: string): number[] {
  if (indexed?.text !== text) {
    const starts = [0];
    for (const m of text.matchAll(LINE_BREAK)) starts.push(m.index + m[0].length);
    indexed = { text, starts };
  }
  return indexed.starts;
}

function lineColumn(starts: readonly number[], offset: number): { line: number; column: number } {
  // The last line start at or before the offset, by binary search.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
