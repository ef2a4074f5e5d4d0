import type { TypeCategory } from './snapshot.js';

/** Maps the name of a column's base type (domains already unwrapped) to the category strategies test. */
export function categorize(baseType: string, typtype: string): TypeCategory {
  if (typtype === 'e') return 'enum';
  switch (baseType) {
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'citext':
    case 'name':
      return 'text';
    case 'int2':
    case 'int4':
    case 'int8':
      return 'integer';
    case 'numeric':
    case 'money':
      return baseType === 'money' ? 'other' : 'decimal';
    case 'float4':
    case 'float8':
      return 'float';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamp';
    case 'timestamptz':
      return 'timestamptz';
    case 'bool':
      return 'boolean';
    case 'uuid':
      return 'uuid';
    case 'inet':
    case 'cidr':
      return 'inet';
    case 'json':
    case 'jsonb':
      return 'json';
    default:
      return 'other';
  }
}
