import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import { error, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { spanFromOffsets, type Span } from '../../diagnostics/span.js';
import type { FrontendResult } from '../result.js';
import { cstToAst } from './cst-to-ast.js';
import { masqParser } from './parser.js';
import {
  ClosedString,
  Decimal,
  Identifier,
  Integer,
  masqLexer,
  QuotedName,
  unknownEscapes,
  UnterminatedQuotedName,
  UnterminatedString,
} from './tokens.js';

/**
 * Parses a .masq file. Never throws on bad input: lexical problems are MASQ001, syntax errors
 * MASQ002, and error recovery lets one run report all of them alongside the partial spec.
 */
export function parseMasq(text: string, file: string): FrontendResult {
  const at = (offset: number, endOffset: number) => spanFromOffsets(file, text, offset, endOffset);
  const lexed = masqLexer.tokenize(text);
  const diagnostics: Diagnostic[] = [
    ...lexed.errors.map((e) => lexingError(e, text, at)),
    ...lexed.tokens.flatMap((t) => badLiteral(t, at)),
  ];

  masqParser.input = lexed.tokens;
  const cst = masqParser.spec();
  const last = lexed.tokens[lexed.tokens.length - 1];
  const endOfInput = last ? last.endOffset! + 1 : 0;
  for (const e of withoutEchoes(masqParser.errors, lexed.tokens)) {
    diagnostics.push(syntaxError(e, endOfInput, at));
  }

  const ast = cstToAst(cst, file);
  diagnostics.push(...ast.diagnostics);
  return { spec: ast.spec, diagnostics: ordered(diagnostics) };
}

type At = (offset: number, endOffset: number) => Span;

function lexingError(e: ILexingError, text: string, at: At): Diagnostic {
  const skipped = text.slice(e.offset, e.offset + e.length);
  const what = skipped.length === 1 ? 'character' : 'characters';
  const message = `unexpected ${what} "${visible(skipped)}"`;
  return error('MASQ001', message, at(e.offset, e.offset + e.length));
}

/** Control characters (a NUL, a form feed) written as escapes, so a message never holds them. */
function visible(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Unterminated literals lex (so parsing goes on undisturbed) but are errors all the same. */
function badLiteral(t: IToken, at: At): Diagnostic[] {
  const start = t.startOffset;
  const whole = at(start, t.endOffset! + 1);
  if ((t.tokenType === Integer || t.tokenType === Decimal) && !Number.isFinite(Number(t.image))) {
    // A double cannot hold it: it would reach the plan as Infinity, and JSON as null.
    return [error('MASQ025', `${abbreviated(t.image)} is too large: write a finite number`, whole)];
  }
  // PostgreSQL text cannot hold a NUL, and a name or string that has one cannot be written.
  const nul = t.image.indexOf('\0');
  if (nul >= 0) {
    const message = 'text with a NUL character: PostgreSQL text cannot hold it';
    return [error('MASQ026', message, at(start + nul, start + nul + 1))];
  }
  if (t.tokenType === UnterminatedQuotedName) {
    return [error('MASQ001', 'unterminated quoted name: no closing ` on this line', whole)];
  }
  if (t.tokenType !== ClosedString && t.tokenType !== UnterminatedString) return [];
  const escapes = unknownEscapes(t.image).map((i) => {
    const message = `unknown escape "${t.image.slice(i, i + 2)}" in string (use \\" \\\\ \\n or \\t)`;
    return error('MASQ001', message, at(start + i, start + i + 2));
  });
  if (t.tokenType === ClosedString) return escapes;
  return [error('MASQ001', 'unterminated string: no closing " on this line', whole), ...escapes];
}

function abbreviated(digits: string): string {
  return digits.length > 24 ? `${digits.slice(0, 12)}…(${digits.length} digits)` : digits;
}

/**
 * Drops the echoes of recovery. After an error the parser resumes at the offending token; at a
 * keyword that is reliable, but at a plain name it is a guess (a missing `,` makes `y: 2` look
 * like a rule for column y), and the guess failing on the very next token is no new mistake.
 */
function withoutEchoes(
  errors: readonly IRecognitionException[],
  tokens: readonly IToken[],
): IRecognitionException[] {
  const indexOf = new Map(tokens.map((t, i) => [t.startOffset, i]));
  let previous: { index: number; guessed: boolean } | undefined;
  return errors.filter((e) => {
    const index = indexOf.get(e.token.startOffset) ?? tokens.length;
    const guessed = e.token.tokenType === Identifier || e.token.tokenType === QuotedName;
    const isEcho =
      previous !== undefined &&
      (index === previous.index || (index === previous.index + 1 && previous.guessed));
    previous = { index, guessed };
    return !isEcho;
  });
}

/** A syntax error at the offending token; at end of input, just after the last token. */
function syntaxError(e: IRecognitionException, endOfInput: number, at: At): Diagnostic {
  const t = e.token;
  const span = Number.isNaN(t.startOffset)
    ? at(endOfInput, endOfInput)
    : at(t.startOffset, t.endOffset! + 1);
  return error('MASQ002', e.message, span);
}

/** Source order, so a run reads top to bottom whatever stage found each problem. */
function ordered(diagnostics: Diagnostic[]): Diagnostic[] {
  // Array.prototype.sort is stable, so problems at one place keep the order they were found in.
  return diagnostics.sort((a, b) => (a.span?.offset ?? 0) - (b.span?.offset ?? 0));
}
