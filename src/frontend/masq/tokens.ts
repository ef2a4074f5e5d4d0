import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

/*
 * Category tokens. The parser consumes a category and the lexer emits its members, so
 * `Name` also matches every keyword: keywords stay contextual and a column may be called
 * `country`, `table` or `hash`.
 */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA, label: 'a name' });
export const NumberLit = createToken({ name: 'Number', pattern: Lexer.NA, label: 'a number' });
export const StringLit = createToken({ name: 'String', pattern: Lexer.NA, label: 'a string' });

const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });
const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n]*/, group: Lexer.SKIPPED });

export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_$]*/,
  categories: [Name],
});
/** `` `any text` ``: the escape hatch for names that are keywords or not identifiers. */
export const QuotedName = createToken({
  name: 'QuotedName',
  pattern: /`[^`\r\n]+`/,
  categories: [Name],
});
// No token but whitespace crosses a line break of any kind (\n, \r\n, a lone \r): a comment
// or string that ran over a lone \r would swallow the next line.
/*
 * Unterminated literals still lex (to the end of the line) and still count as a name or
 * string, so the parser goes on as if they were closed; index.ts reports them as MASQ001.
 */
export const UnterminatedQuotedName = createToken({
  name: 'UnterminatedQuotedName',
  pattern: /`[^`\r\n]*/,
  categories: [Name],
});
export const ClosedString = createToken({
  name: 'ClosedString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  categories: [StringLit],
});
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  categories: [StringLit],
});

// Decimal comes first so that `2.5` is not lexed as `2` followed by an unexpected `.`.
export const Decimal = createToken({
  name: 'Decimal',
  pattern: /-?\d+\.\d+/,
  categories: [NumberLit],
});
export const Integer = createToken({
  name: 'Integer',
  pattern: /-?\d+/,
  categories: [NumberLit],
  label: 'a whole number',
});

function keyword(word: string): TokenType {
  const name = word[0]!.toUpperCase() + word.slice(1);
  return createToken({
    name,
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [Name],
    label: `"${word}"`,
  });
}

export const Source = keyword('source');
export const Target = keyword('target');
export const Schema = keyword('schema');
export const Salt = keyword('salt');
export const Batch = keyword('batch');
export const Hash = keyword('hash');
export const Bookkeeping = keyword('bookkeeping');
export const Default = keyword('default');
export const Keep = keyword('keep');
export const Table = keyword('table');
export const Skip = keyword('skip');
export const Other = keyword('other');
export const Tables = keyword('tables');
export const Key = keyword('key');
export const Sample = keyword('sample');
export const Where = keyword('where');
export const Limit = keyword('limit');
export const Unique = keyword('unique');
export const Env = keyword('env');
export const File = keyword('file');
export const True = keyword('true');
export const False = keyword('false');

function punctuation(name: string, char: string): TokenType {
  return createToken({ name, pattern: char, label: `"${char}"` });
}

export const LCurly = punctuation('LCurly', '{');
export const RCurly = punctuation('RCurly', '}');
export const LParen = punctuation('LParen', '(');
export const RParen = punctuation('RParen', ')');
export const Comma = punctuation('Comma', ',');
export const Colon = punctuation('Colon', ':');
export const Percent = punctuation('Percent', '%');

/** Statement keywords, in the order messages list them. */
export const STATEMENT_KEYWORDS = [
  'source',
  'target',
  'salt',
  'batch',
  'hash',
  'bookkeeping',
  'default',
  'table',
  'skip',
];

// Order matters to the lexer: keywords before Identifier (longer_alt hands `sourced` back).
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  Name,
  NumberLit,
  StringLit,
  Source,
  Target,
  Schema,
  Salt,
  Batch,
  Hash,
  Bookkeeping,
  Default,
  Keep,
  Tables,
  Table,
  Skip,
  Other,
  Key,
  Sample,
  Where,
  Limit,
  Unique,
  Env,
  File,
  True,
  False,
  Identifier,
  QuotedName,
  UnterminatedQuotedName,
  ClosedString,
  UnterminatedString,
  Decimal,
  Integer,
  LCurly,
  RCurly,
  LParen,
  RParen,
  Comma,
  Colon,
  Percent,
];

export const masqLexer = new Lexer(allTokens, { positionTracking: 'full' });

/** The name a Name token spells: backticks removed from a quoted name. */
export function nameValue(token: IToken): string {
  const { image, tokenType } = token;
  if (tokenType === QuotedName) return image.slice(1, -1);
  return tokenType === UnterminatedQuotedName ? image.slice(1) : image;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t' };

/** The text a string token spells, escapes decoded (unknown escapes are reported by index.ts). */
export function stringValue(token: IToken): string {
  const body = token.image.slice(1, token.tokenType === ClosedString ? -1 : undefined);
  return body.replace(/\\(.)/g, (whole, c: string) => ESCAPES[c] ?? whole);
}

/** Offsets (within the image) of backslash escapes the language does not define. */
export function unknownEscapes(image: string): number[] {
  const found: number[] = [];
  for (const m of image.matchAll(/\\(.)/g)) {
    if (ESCAPES[m[1]!] === undefined) found.push(m.index);
  }
  return found;
}
