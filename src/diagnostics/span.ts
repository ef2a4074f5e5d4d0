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
  const start = lineColumn(text, offset);
  const end = lineColumn(text, endOffset);
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

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
