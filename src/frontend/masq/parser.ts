import { CstParser, tokenMatcher, type TokenType } from 'chevrotain';
import { MasqErrorMessages } from './error-messages.js';
import * as T from './tokens.js';

/**
 * The .masq grammar, rules only; cst-to-ast.ts gives the tree its meaning. grammar/masq.ebnf
 * is the reference for this class and must change with it.
 */
export class MasqParser extends CstParser {
  constructor() {
    // The message provider reads the token vector to name the table or strategy being parsed.
    const messages = new MasqErrorMessages();
    super(T.allTokens, {
      recoveryEnabled: true,
      nodeLocationTracking: 'full',
      errorMessageProvider: messages,
    });
    messages.attach(this);
    this.performSelfAnalysis();
  }

  /** True when the token after the current one is of `type`: the gates of contextual keywords. */
  private followedBy(type: TokenType): boolean {
    return tokenMatcher(this.LA(2), type);
  }

  private startsTable(): boolean {
    return tokenMatcher(this.LA(1), T.Table) && tokenMatcher(this.LA(3), T.LCurly);
  }

  private startsSkip(): boolean {
    if (!tokenMatcher(this.LA(1), T.Skip)) return false;
    const next = this.LA(2);
    return (
      tokenMatcher(next, T.Table) ||
      (tokenMatcher(next, T.Other) && tokenMatcher(this.LA(3), T.Tables))
    );
  }

  spec = this.RULE('spec', () => {
    this.MANY(() => this.SUBRULE(this.statement));
  });

  statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.endpoint) },
      { ALT: () => this.SUBRULE(this.salt) },
      { ALT: () => this.SUBRULE(this.batch) },
      { ALT: () => this.SUBRULE(this.hash) },
      { ALT: () => this.SUBRULE(this.bookkeeping) },
      { ALT: () => this.SUBRULE(this.defaultKeep) },
      { ALT: () => this.SUBRULE(this.table) },
      { ALT: () => this.SUBRULE(this.skip) },
    ]);
  });

  endpoint = this.RULE('endpoint', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Source) }, { ALT: () => this.CONSUME(T.Target) }]);
    this.CONSUME(T.Name, { LABEL: 'engine' });
    this.SUBRULE(this.valueRef);
    this.OPTION(() => {
      this.CONSUME(T.Schema);
      this.CONSUME2(T.Name, { LABEL: 'schemaName' });
    });
  });

  salt = this.RULE('salt', () => {
    this.CONSUME(T.Salt);
    this.SUBRULE(this.valueRef);
  });

  batch = this.RULE('batch', () => {
    this.CONSUME(T.Batch);
    this.CONSUME(T.Integer);
  });

  hash = this.RULE('hash', () => {
    this.CONSUME(T.Hash);
    this.CONSUME(T.Name, { LABEL: 'mode' });
  });

  bookkeeping = this.RULE('bookkeeping', () => {
    this.CONSUME(T.Bookkeeping);
    this.CONSUME(T.Schema);
    this.CONSUME(T.Name, { LABEL: 'schemaName' });
  });

  defaultKeep = this.RULE('defaultKeep', () => {
    this.CONSUME(T.Default);
    this.CONSUME(T.Keep);
  });

  // `skip table a, b` or `skip other tables`.
  skip = this.RULE('skip', () => {
    this.CONSUME(T.Skip);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Table);
          this.AT_LEAST_ONE_SEP({
            SEP: T.Comma,
            DEF: () => this.CONSUME(T.Name, { LABEL: 'tableName' }),
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Other);
          this.CONSUME(T.Tables);
        },
      },
    ]);
  });

  table = this.RULE('table', () => {
    this.CONSUME(T.Table);
    this.CONSUME(T.Name, { LABEL: 'tableName' });
    this.CONSUME(T.LCurly);
    this.MANY({
      // `table x {` and `skip table` / `skip other tables` cannot be rules (no strategy is
      // called table or other), so they end a table whose `}` is missing and recovery inserts
      // the `}` instead of swallowing the next statement.
      GATE: () => !this.startsTable() && !this.startsSkip(),
      DEF: () => this.SUBRULE(this.tableItem),
    });
    this.CONSUME(T.RCurly);
  });

  // `key`, `sample`, `where` and `limit` are items only when followed by what the item takes;
  // otherwise they are column names. Gates decide, so LL(1) plus first-match order suffices.
  tableItem = this.RULE('tableItem', () => {
    this.OR({
      MAX_LOOKAHEAD: 1,
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.followedBy(T.Name), ALT: () => this.SUBRULE(this.keyItem) },
        { GATE: () => this.followedBy(T.NumberLit), ALT: () => this.SUBRULE(this.sampleItem) },
        { GATE: () => this.followedBy(T.StringLit), ALT: () => this.SUBRULE(this.whereItem) },
        // Any number starts `limit`, so that `limit 2.5` fails at the `2.5`.
        { GATE: () => this.followedBy(T.NumberLit), ALT: () => this.SUBRULE(this.limitItem) },
        { ALT: () => this.SUBRULE(this.rule) },
      ],
    });
  });

  keyItem = this.RULE('keyItem', () => {
    this.CONSUME(T.Key);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Name, { LABEL: 'column' }) });
  });

  sampleItem = this.RULE('sampleItem', () => {
    this.CONSUME(T.Sample);
    this.CONSUME(T.NumberLit);
    this.CONSUME(T.Percent);
  });

  whereItem = this.RULE('whereItem', () => {
    this.CONSUME(T.Where);
    this.CONSUME(T.StringLit);
  });

  limitItem = this.RULE('limitItem', () => {
    this.CONSUME(T.Limit);
    this.CONSUME(T.Integer);
  });

  rule = this.RULE('rule', () => {
    this.CONSUME(T.Name, { LABEL: 'column' });
    this.CONSUME2(T.Name, { LABEL: 'strategy' });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.param) });
      this.CONSUME(T.RParen);
    });
    // Greedy: after a rule, `unique` is the flag, never the next column's name.
    this.OPTION2(() => this.CONSUME(T.Unique));
  });

  param = this.RULE('param', () => {
    this.OPTION(() => {
      this.CONSUME(T.Name, { LABEL: 'paramName' });
      this.CONSUME(T.Colon);
    });
    this.SUBRULE(this.value);
  });

  // First match wins: `true`, `false`, `env(` and `file(` before a plain name.
  value = this.RULE('value', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(T.NumberLit) },
        { ALT: () => this.CONSUME(T.StringLit) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
        { ALT: () => this.SUBRULE(this.envRef) },
        { ALT: () => this.SUBRULE(this.fileRef) },
        { ALT: () => this.CONSUME(T.Name) },
      ],
    });
  });

  valueRef = this.RULE('valueRef', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.envRef) },
      { ALT: () => this.SUBRULE(this.fileRef) },
      { ALT: () => this.CONSUME(T.StringLit) },
    ]);
  });

  envRef = this.RULE('envRef', () => {
    this.CONSUME(T.Env);
    this.CONSUME(T.LParen);
    this.CONSUME(T.Name);
    this.CONSUME(T.RParen);
  });

  fileRef = this.RULE('fileRef', () => {
    this.CONSUME(T.File);
    this.CONSUME(T.LParen);
    this.CONSUME(T.StringLit);
    this.CONSUME(T.RParen);
  });
}

/** One parser for the process: building one runs grammar analysis, which is not cheap. */
export const masqParser = new MasqParser();
