import type { Strategy } from './strategy.js';

/**
 * Lowercase hex SHA-256 of UTF-8(salt ‖ value as text): what Python's
 * hashlib.sha256((salt + value).encode()).hexdigest() gives, so existing stores stay joinable.
 */
export const hashSalt: Strategy = {
  name: 'hash_salt',
  summary: 'SHA-256 hex of salt ‖ value',
  params: { salt: { kind: 'secret' } },
  keepsNull: true,
  distinctOutputs: 'inherent',
  check: (_rule, column) => {
    if (column.category !== 'text')
      return [
        {
          code: 'MASQ021',
          message: `hash_salt writes 64 hex characters; column "${column.name}" is ${column.type}`,
        },
      ];
    // `name` silently cuts values at 63 bytes.
    if (column.type === 'name')
      return [
        {
          code: 'MASQ021',
          message: `hash_salt writes 64 hex characters; column "${column.name}" is name (63 bytes at most)`,
        },
      ];
    if (column.maxLength !== undefined && column.maxLength < 64)
      return [
        {
          code: 'MASQ021',
          message: `hash_salt writes 64 hex characters; column "${column.name}" holds only ${column.maxLength}`,
        },
      ];
    return [];
  },
  lowerPostgres: (rule, ctx) => {
    const salt = ctx.secret(typeof rule.params.salt === 'object' ? rule.params.salt.secret : 0);
    return `encode(sha256(convert_to(${salt} || ${ctx.value}::text, 'UTF8')), 'hex')`;
  },
  // `$hexHash` is MongoDB 8.3+ and writes uppercase hex. Earlier servers have only `$function`
  // (server-side JavaScript, deprecated in 8.0): choosing by the plan's server version is the
  // emitter's, later (issue 14).
  lowerMongo: (rule, ctx) => {
    const salt = ctx.secret(typeof rule.params.salt === 'object' ? rule.params.salt.secret : 0);
    const input = { $concat: [salt, ctx.value] };
    return { $toLower: { $hexHash: { input, algorithm: 'sha256' } } };
  },
};
