import {
  EOF,
  tokenLabel,
  tokenMatcher,
  type IParserErrorMessageProvider,
  type IToken,
  type TokenType,
} from 'chevrotain';
import { didYouMean } from '../../diagnostics/suggest.js';
import * as T from './tokens.js';

/**
 * Messages that name what was being written: `expected "}" to close table "customers", found
 * "table"` rather than chevrotain's list of token types. They read the token vector, so they
 * can name the enclosing table or strategy, which the parser itself does not keep.
 */
export class MasqErrorMessages implements IParserErrorMessageProvider {
  private source: { readonly input: IToken[] } = { input: [] };

  attach(source: { readonly input: IToken[] }): void {
    this.source = source;
  }

  buildMismatchTokenMessage(o: {
    expected: TokenType;
    actual: IToken;
    previous: IToken;
    ruleName: string;
  }): string {
    const found = `, found ${describe(o.actual)}`;
    const { expected, ruleName } = o;
    if (expected === EOF) return expectedStatement(o.actual);
    if (ruleName === 'table' && expected === T.RCurly) {
      return `expected "}" to close ${this.enclosingTable(o.actual)}${found}`;
    }
    if (ruleName === 'table' && expected === T.LCurly) {
      return `expected "{" after table ${describe(o.previous)}${found}`;
    }
    if (ruleName === 'rule' && expected === T.Name) {
      return `expected a strategy after column "${T.nameValue(o.previous)}"${found}`;
    }
    if (ruleName === 'rule' && expected === T.RParen) {
      const expect = tokenMatcher(o.previous, T.LParen) ? '")"' : '"," or ")"';
      return `expected ${expect} in the parameters of ${this.enclosingCall(o.actual)}${found}`;
    }
    return `expected ${tokenLabel(expected)} after ${describe(o.previous)}${found}`;
  }

  buildNotAllInputParsedMessage(o: { firstRedundant: IToken }): string {
    return expectedStatement(o.firstRedundant);
  }

  buildNoViableAltMessage(o: { actual: IToken[]; previous: IToken; ruleName: string }): string {
    const actual = o.actual[0] ?? o.previous;
    const found = `, found ${describe(actual)}`;
    switch (o.ruleName) {
      case 'statement':
        return expectedStatement(actual);
      case 'value':
        return `expected a parameter value (number, string, true, false, env(NAME), file("path") or a name)${found}`;
      case 'valueRef':
        return `expected env(NAME), file("path") or a string after ${describe(o.previous)}${found}`;
      case 'skip':
        return `expected "table NAME" or "other tables" after "skip"${found}${tokenMatcher(actual, T.Name) ? didYouMean(actual.image, ['table', 'other']) : ''}`;
      default:
        return `unexpected ${describe(actual)}`;
    }
  }

  buildEarlyExitMessage(o: {
    expectedIterationPaths: TokenType[][];
    actual: IToken[];
    previous: IToken;
  }): string {
    const first = o.expectedIterationPaths.map((path) => tokenLabel(path[0] ?? EOF));
    const actual = o.actual[0] ?? o.previous;
    return `expected ${first.join(' or ')} after ${describe(o.previous)}, found ${describe(actual)}`;
  }

  /** `table "customers"`: the table whose `{` is open at `at`. */
  private enclosingTable(at: IToken): string {
    const name = this.source.input[this.unclosed(at, T.LCurly, T.RCurly) - 1];
    return name && tokenMatcher(name, T.Name) ? `table "${T.nameValue(name)}"` : 'the table';
  }

  /** `"redact"`: the strategy whose `(` is open at `at`. */
  private enclosingCall(at: IToken): string {
    const name = this.source.input[this.unclosed(at, T.LParen, T.RParen) - 1];
    return name ? `"${T.nameValue(name)}"` : 'the rule';
  }

  /** Index of the innermost `open` token before `at` that no `close` token matches. */
  private unclosed(at: IToken, open: TokenType, close: TokenType): number {
    const tokens = this.source.input;
    let depth = 0;
    for (let i = indexOf(tokens, at) - 1; i >= 0; i--) {
      const t = tokens[i]!;
      if (tokenMatcher(t, close)) depth++;
      else if (tokenMatcher(t, open) && depth-- === 0) return i;
    }
    return -1;
  }
}

function expectedStatement(actual: IToken): string {
  const hint = tokenMatcher(actual, T.Name) ? didYouMean(actual.image, T.STATEMENT_KEYWORDS) : '';
  const list = T.STATEMENT_KEYWORDS.join(', ');
  return `expected a statement (${list}), found ${describe(actual)}${hint}`;
}

/** `"table"` or `end of input`, as messages show a token. */
function describe(token: IToken): string {
  return token.tokenType === EOF ? 'end of input' : `"${token.image}"`;
}

/** Position of `token` in the vector (its length for end of input), by binary search on offset. */
function indexOf(tokens: readonly IToken[], token: IToken): number {
  if (token.tokenType === EOF || Number.isNaN(token.startOffset)) return tokens.length;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < token.startOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
