import type { Node, ParseResult, ScanToken } from 'libpg-query';
import { hasSqlDetails, loadModule, parseSync, scanSync } from 'libpg-query';

/*
 * The predicate is read by PostgreSQL's own parser (libpg-query, compiled to WebAssembly): only
 * the parser that runs it agrees with PostgreSQL on where a string, a comment or a statement
 * ends. Its WebAssembly module loads asynchronously; awaiting it here, once, when analysis is
 * imported (~80 ms), keeps analysis synchronous and leaves no caller able to check a predicate
 * before the parser is there.
 */
await loadModule();

/** Text positions are JavaScript string indexes; PostgreSQL counts bytes and code points. */
export interface SqlText {
  readonly text: string;
  /** The UTF-8 byte offset → string index. */
  readonly fromByte: (byte: number) => number;
  /** A 0-based code point count → string index. */
  readonly fromChar: (char: number) => number;
}

export function sqlText(text: string): SqlText {
  const byteStarts: number[] = [];
  const charStarts: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) byteStarts.push(i);
    charStarts.push(i);
    i += units;
  }
  const clamp = (starts: number[], n: number) => (n >= starts.length ? text.length : starts[n]!);
  return {
    text,
    fromByte: (b) => clamp(byteStarts, Math.max(0, b)),
    fromChar: (c) => clamp(charStarts, Math.max(0, c)),
  };
}

export type Parsed =
  | { readonly ok: true; readonly result: ParseResult }
  | { readonly ok: false; readonly message: string; readonly index: number };

/** Parses SQL text; a syntax error comes back with its string index. */
export function parseSql(sql: SqlText): Parsed {
  try {
    return { ok: true, result: parseSync(sql.text) };
  } catch (e) {
    const cursor = hasSqlDetails(e) ? (e.sqlDetails?.cursorPosition ?? 0) : 0;
    return { ok: false, message: (e as Error).message, index: sql.fromChar(cursor) };
  }
}

/** The lexer's tokens, comments included; undefined when the text does not lex. */
export function scanSql(sql: SqlText): readonly ScanToken[] | undefined {
  try {
    return scanSync(sql.text).tokens;
  } catch {
    // An unterminated string or comment: the parser then reports it with its position.
    return undefined;
  }
}

export type { Node, ScanToken };
