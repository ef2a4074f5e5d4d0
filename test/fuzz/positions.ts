import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

// Blank space as both front-ends skip it between tokens: YAML takes a no-break space or U+2028
// as part of a plain scalar, so those are not blank here.
const BLANK_START = /^[ \t\r\n]/;
const BLANK_TO_END = /^[ \t\r\n]*$/;

/**
 * Line and column (1-based) of a 0-based offset, counting line breaks as editors do: \n, \r\n
 * and a lone \r each end a line.
 */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const breaks = [...text.slice(0, offset).matchAll(/\r\n|\r|\n/g)];
  const last = breaks[breaks.length - 1];
  // A \r just before the offset with \n at it is half a break: the offset is still on its line.
  const split = last && last[0] === '\r' && text[offset] === '\n' && last.index === offset - 1;
  const counted = split ? breaks.slice(0, -1) : breaks;
  const end = counted[counted.length - 1];
  const lineStart = end ? end.index + end[0].length : 0;
  return { line: counted.length + 1, column: offset - lineStart + 1 };
}

/**
 * What is wrong with where diagnostics point, computed from the text alone: every span lies in
 * the file, its line and column agree with its offsets, it covers a non-empty part of the text
 * that starts at a token (not at blank space), or sits at the end when the input ended early;
 * a syntax error's span is the token it says it found.
 */
export function checkDiagnostics(
  text: string,
  file: string,
  diagnostics: readonly Diagnostic[],
): string[] {
  const problems: string[] = [];
  for (const d of diagnostics) {
    const s = d.span;
    if (!s) continue;
    const where = `${d.code} "${d.message}" at ${s.line}:${s.column} [${s.offset}, ${s.endOffset})`;
    if (s.file !== file) problems.push(`${where}: names file ${s.file}`);
    if (!(s.offset >= 0 && s.offset <= s.endOffset && s.endOffset <= text.length)) {
      problems.push(`${where}: offsets outside the text of ${text.length} characters`);
      continue;
    }
    const start = lineColumn(text, s.offset);
    const end = lineColumn(text, s.endOffset);
    if (start.line !== s.line || start.column !== s.column)
      problems.push(`${where}: its offset is at ${start.line}:${start.column}`);
    if (end.line !== s.endLine || end.column !== s.endColumn)
      problems.push(
        `${where}: its end offset is at ${end.line}:${end.column}, not ${s.endLine}:${s.endColumn}`,
      );
    const spanned = text.slice(s.offset, s.endOffset);
    const atEnd = BLANK_TO_END.test(text.slice(s.offset));
    // An error at the end of the input points after the last token; what follows can only be
    // blank space, comments or characters the lexer refused (each reported on its own).
    if (spanned === '' && !atEnd && !/found end of input/.test(d.message))
      problems.push(`${where}: empty span before the end of the text`);
    if (spanned !== '' && BLANK_START.test(spanned) && !atEnd)
      problems.push(`${where}: starts at blank space ${JSON.stringify(spanned.slice(0, 10))}`);
    if (d.code === 'MASQ002') {
      const found = /found (".*")$/.exec(d.message)?.[1];
      if (found !== undefined && !sameToken(spanned, found))
        problems.push(`${where}: says it found ${found}, points at ${JSON.stringify(spanned)}`);
    }
    if (d.code === 'MASQ001') {
      const char = /unexpected character (".*")/.exec(d.message)?.[1];
      if (char !== undefined && !sameToken(spanned, char))
        problems.push(`${where}: says ${char}, points at ${JSON.stringify(spanned)}`);
    }
  }
  return problems;
}

/** A message quotes a token as "image" (raw) or as a JSON string; either names the same text. */
function sameToken(spanned: string, quoted: string): boolean {
  if (quoted === `"${spanned}"`) return true;
  try {
    return JSON.parse(quoted) === spanned;
  } catch {
    return false;
  }
}
