import type { TypeCategory } from '../catalog/snapshot.js';
import { FIELD_TYPES, UNIQUE_SUFFIX } from './field-types.js';
import type { FieldType } from './field-types.js';
import { dictionaryKey, fittedDictionary, minimumRoom } from './fitted-dictionary.js';
import type {
  ColumnInput,
  MongoExpression,
  MongoLowering,
  PgLowering,
  Problem,
  RuleInput,
  Strategy,
} from './strategy.js';
import { UNIQUE_SUFFIX_WIDTH } from './unique-suffix.js';

/** Non-text columns a field type can fill, by casting the dictionary's text. */
const CASTABLE: Partial<Record<FieldType, TypeCategory>> = {
  date_of_birth: 'date',
  uuid: 'uuid',
  ipv4: 'inet',
  ipv6: 'inet',
};

/**
 * A Faker-made value picked from the field type's dictionary by the keyed hash of the value,
 * the dictionary fitted to the column's width (fitted-dictionary.ts). `unique` adds 60 keyed
 * bits of the value, in 13 characters (unique-suffix.ts gives the collision bound).
 */
export const substitute: Strategy = {
  name: 'substitute',
  summary: 'a realistic fake value from a dictionary, picked by the keyed hash of the value',
  params: { field_type: { kind: 'name', oneOf: FIELD_TYPES, required: true } },
  positional: 'field_type',
  keepsNull: true,
  distinctOutputs: 'on-request',
  check,
  lowerPostgres,
  lowerMongo,
};

/** The dictionary a substitution picks from: its field type, and the characters its entries
 *  may take in the column (undefined: any length). */
export function substituteDictionary(
  rule: RuleInput,
  column: ColumnInput,
): { readonly type: FieldType; readonly room: number | undefined; readonly key: string } {
  const type = rule.params.field_type as FieldType;
  const room =
    column.category === 'text' && column.maxLength !== undefined
      ? column.maxLength - (rule.unique ? UNIQUE_SUFFIX_WIDTH : 0)
      : undefined;
  return { type, room, key: dictionaryKey(type, room) };
}

function check(rule: RuleInput, column: ColumnInput): Problem[] {
  const type = rule.params.field_type as FieldType;
  const problems: Problem[] = [];
  if (column.category !== 'text' && CASTABLE[type] !== column.category)
    problems.push({
      code: 'MASQ021',
      message: `substitute(${type}) writes text; column "${column.name}" is ${column.type}`,
      param: 'field_type',
    });
  if (rule.unique && (UNIQUE_SUFFIX[type] === null || column.category !== 'text'))
    problems.push({
      code: 'MASQ022',
      message: `substitute(${type}) cannot be unique: its format leaves no room for a distinguishing suffix`,
      param: 'field_type',
    });
  if (problems.length > 0) return problems;
  const { room } = substituteDictionary(rule, column);
  // Checked here, not left to the run: a value too long would fail its batch halfway through.
  if (fittedDictionary(type, room) === undefined) {
    const extra = rule.unique ? UNIQUE_SUFFIX_WIDTH : 0;
    const needs = minimumRoom(type) + extra;
    const why = rule.unique ? `, ${extra} of them for the unique suffix` : '';
    problems.push({
      code: 'MASQ028',
      message: `substitute(${type})${rule.unique ? ' unique' : ''} needs a column of at least ${needs} characters${why}; column "${column.name}" holds only ${column.maxLength}`,
      param: 'field_type',
    });
  }
  return problems;
}

function lowerPostgres(rule: RuleInput, ctx: PgLowering): string {
  const { type, key } = substituteDictionary(rule, ctx.column);
  const dict = ctx.dictionary(key);
  const pick = dict.pick(ctx.hashMod(ctx.keyedHash(), dict.size));
  if (rule.unique) {
    const suffix = ctx.suffix(ctx.uniqueBits());
    // Dictionary addresses hold exactly one @ (dictionaries.test.ts): replace() puts the
    // suffix where withSuffix does.
    return UNIQUE_SUFFIX[type] === 'local-part'
      ? `replace(${pick}, '@', '.' || ${suffix} || '@')`
      : `${pick} || '-' || ${suffix}`;
  }
  return ctx.column.category === 'text' ? pick : ctx.castToColumn(pick);
}

/** The same pick and suffix as lowerPostgres, for a string field. */
function lowerMongo(rule: RuleInput, ctx: MongoLowering): MongoExpression {
  const { type, key } = substituteDictionary(rule, ctx.column);
  const dict = ctx.dictionary(key);
  const pick = dict.pick(ctx.hashMod(ctx.keyedHash(), dict.size));
  if (!rule.unique) return pick;
  const suffix = ctx.suffix(ctx.uniqueBits());
  return UNIQUE_SUFFIX[type] === 'local-part'
    ? { $replaceAll: { input: pick, find: '@', replacement: { $concat: ['.', suffix, '@'] } } }
    : { $concat: [pick, '-', suffix] };
}
