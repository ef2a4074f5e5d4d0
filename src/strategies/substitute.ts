import type { TypeCategory } from '../catalog/snapshot.js';
import { FIELD_TYPES, UNIQUE_SUFFIX } from './field-types.js';
import type { FieldType } from './field-types.js';
import type {
  CheckFacts,
  ColumnInput,
  PgLowering,
  Problem,
  RuleInput,
  Strategy,
} from './strategy.js';
import { pgHashMod } from './strategy.js';

/** Non-text columns a field type can fill, by casting the dictionary's text. */
const CASTABLE: Partial<Record<FieldType, TypeCategory>> = {
  date_of_birth: 'date',
  uuid: 'uuid',
  ipv4: 'inet',
  ipv6: 'inet',
};

/**
 * A Faker-made value picked from the field type's dictionary by the keyed hash of the value.
 * `unique` appends 128 keyed bits of the value (PgLowering.uniqueToken), so distinct inputs
 * cannot share an output unless those collide (odds below 1e-18 for a billion values).
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
};

function check(rule: RuleInput, column: ColumnInput, facts: CheckFacts): Problem[] {
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
  if (column.category === 'text' && column.maxLength !== undefined) {
    const width = facts.longestValue(type) + (rule.unique ? UNIQUE_TOKEN_WIDTH : 0);
    // Checked here, not left to the run: a long value would fail its batch halfway through.
    if (width > column.maxLength)
      problems.push({
        code: 'MASQ021',
        message: `substitute(${type})${rule.unique ? ' unique' : ''} writes up to ${width} characters; column "${column.name}" holds only ${column.maxLength}`,
        param: 'field_type',
      });
  }
  return problems;
}

/** The separator and the 32 hex characters a unique substitution adds. */
const UNIQUE_TOKEN_WIDTH = 33;

function lowerPostgres(rule: RuleInput, ctx: PgLowering): string {
  const type = rule.params.field_type as FieldType;
  const dict = ctx.dictionary(type);
  const pick = dict.pick(pgHashMod(ctx.keyedHash(), dict.size));
  if (rule.unique) {
    const token = ctx.uniqueToken();
    return UNIQUE_SUFFIX[type] === 'local-part'
      ? `replace(${pick}, '@', '.' || ${token} || '@')`
      : `${pick} || '-' || ${token}`;
  }
  return ctx.column.category === 'text' ? pick : `${pick}::${ctx.column.type}`;
}
