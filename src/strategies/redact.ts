import type { MongoExpression, Strategy } from './strategy.js';

/**
 * Same length; the first `keep_first` and last `keep_last` characters kept, the rest replaced.
 * A value no longer than what would be kept is replaced whole: keeping it would copy it in clear.
 */
export const redact: Strategy = {
  name: 'redact',
  summary: 'replace characters by a mask character, optionally keeping the first/last few',
  params: {
    keep_first: { kind: 'int', min: 0 },
    keep_last: { kind: 'int', min: 0 },
    char: { kind: 'char' },
  },
  keepsNull: true,
  distinctOutputs: 'never',
  check: (_rule, column) =>
    column.category === 'text'
      ? []
      : [
          {
            code: 'MASQ021',
            message: `redact applies to text columns; "${column.name}" is ${column.type}`,
          },
        ],
  lowerPostgres: (rule, ctx) => {
    const first = Number(rule.params.keep_first ?? 0);
    const last = Number(rule.params.keep_last ?? 0);
    const mask = ctx.literal(String(rule.params.char ?? '*'));
    const v = ctx.value;
    if (first === 0 && last === 0) return `repeat(${mask}, char_length(${v}))`;
    const kept = first + last;
    const middle = [
      ...(first > 0 ? [`left(${v}, ${ctx.number(first)})`] : []),
      `repeat(${mask}, char_length(${v}) - ${ctx.number(kept)})`,
      ...(last > 0 ? [`right(${v}, ${ctx.number(last)})`] : []),
    ].join(' || ');
    return `CASE WHEN char_length(${v}) > ${ctx.number(kept)} THEN ${middle} ELSE repeat(${mask}, char_length(${v})) END`;
  },
  lowerMongo: (rule, ctx) => {
    const first = Number(rule.params.keep_first ?? 0);
    const last = Number(rule.params.keep_last ?? 0);
    const mask = ctx.literal(String(rule.params.char ?? '*'));
    const v = ctx.value;
    // Code points, as char_length, left() and right() count them in UTF-8 PostgreSQL.
    const n = '$$masq_n';
    // No `$repeat` in MongoDB: a fold over $range, one `$concat` a character, so its copying
    // grows with the square of the length; fine for field-sized texts, slow for megabyte ones.
    const repeat = (count: MongoExpression): MongoExpression => ({
      $reduce: {
        input: { $range: [0, count] },
        initialValue: '',
        in: { $concat: ['$$value', mask] },
      },
    });
    const kept = first + last;
    const body: MongoExpression =
      kept === 0
        ? repeat(n)
        : {
            $cond: [
              { $gt: [n, kept] },
              {
                $concat: [
                  ...(first > 0 ? [{ $substrCP: [v, 0, first] }] : []),
                  repeat({ $subtract: [n, kept] }),
                  ...(last > 0 ? [{ $substrCP: [v, { $subtract: [n, last] }, last] }] : []),
                ],
              },
              repeat(n),
            ],
          };
    return { $let: { vars: { masq_n: { $strLenCP: v } }, in: body } };
  },
};
