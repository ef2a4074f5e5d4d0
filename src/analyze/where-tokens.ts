import type { ScanToken } from './where-parser.js';

export interface UnsafeToken {
  /** Byte offsets in the predicate. */
  readonly start: number;
  readonly end: number;
  readonly problem: string;
}

/**
 * What makes a predicate more than one expression, read from PostgreSQL's own lexer: a `;`, a
 * comment (it could swallow the parenthesis or the condition masq puts after the predicate),
 * a parenthesis that closes one masq opened. A backslash in a '…' string is refused too: under
 * standard_conforming_strings = off the server reads it as an escape, and the string would end
 * elsewhere than where this parser saw it end.
 */
export function unsafeToken(tokens: readonly ScanToken[], text: string): UnsafeToken | undefined {
  let depth = 0;
  for (const t of tokens) {
    const at = (problem: string): UnsafeToken => ({ start: t.start, end: t.end, problem });
    if (t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT')
      return at('it contains a comment');
    if (t.text === ';') return at('it contains ";"');
    if (t.text === '(') depth++;
    if (t.text === ')' && --depth < 0) return at('it closes a parenthesis it did not open');
    if (/^[nN]?'/.test(t.text) && t.text.includes('\\'))
      return at(
        "it has a backslash in a '…' string, which a server with standard_conforming_strings off reads as an escape: write E'…'",
      );
  }
  if (depth === 0) return undefined;
  const end = Buffer.byteLength(text);
  return { start: Math.max(0, end - 1), end, problem: 'its parentheses are not balanced' };
}
