/**
 * Stable diagnostic codes. Users and docs refer to them, so a code is never reused for another
 * meaning; retire a code instead of changing it.
 */
export const CODES = {
  MASQ001: 'unexpected character',
  MASQ002: 'syntax error',
  MASQ003: 'YAML syntax error',
  MASQ004: 'YAML value of the wrong shape',
  MASQ005: 'setting given twice',
  MASQ006: 'unknown setting',
  MASQ010: 'unknown table',
  MASQ011: 'unknown column',
  MASQ012: 'unknown strategy',
  MASQ013: 'unknown parameter',
  MASQ014: 'parameter of the wrong type',
  MASQ015: 'missing parameter',
  MASQ016: 'parameter out of range',
  MASQ017: 'column given two rules',
  MASQ018: 'table listed twice',
  MASQ019: 'unknown field type',
  MASQ020: 'column has no rule',
  MASQ021: 'strategy does not apply to the column type',
  MASQ022: 'unique output impossible for this field type',
  MASQ023: 'rule on a generated column',
  MASQ024: 'key column unusable',
  MASQ030: 'secret written into the spec',
  MASQ031: 'environment variable not set',
  MASQ033: 'unsupported engine',
  MASQ040: 'pipeline step type not supported',
  MASQ042: 'pipeline steps cannot be fused',
  MASQ043: 'unknown environment',
  MASQ050: 'schema unknown',
  MASQ051: 'unsafe where predicate',
  MASQ052: 'source and target are the same table',
  MASQ053: 'where function cannot be checked without the source',
  MASQ054: 'where predicate is not valid SQL',
  MASQ060: 'schema drift',
} as const;

export type DiagnosticCode = keyof typeof CODES;
