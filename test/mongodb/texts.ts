import fc from 'fast-check';

/**
 * 1,000 texts a keyed hash must treat alike in every engine: ASCII, any Unicode (astral
 * characters, combining marks), the empty text, long texts past MD5's 64-byte blocks, and
 * texts starting with '$' (a field path if a pipeline ever took one for an expression). No
 * NUL: PostgreSQL text cannot hold it. A fixed seed keeps the set the same on every run.
 */
export const TEXTS: readonly string[] = [
  '',
  'string to hash',
  '$email',
  'Zoë Ångström 名前 🦄',
  'x'.repeat(10_000),
  ...fc.sample(fc.string({ unit: 'binary-ascii', maxLength: 40 }), { seed: 14, numRuns: 400 }),
  ...fc.sample(fc.string({ unit: 'grapheme', maxLength: 30 }), { seed: 15, numRuns: 400 }),
  ...fc.sample(fc.string({ unit: 'binary', minLength: 50, maxLength: 300 }), {
    seed: 16,
    numRuns: 195,
  }),
].map((t) => t.replaceAll('\0', '\u2400'));

/** A salt with a quote, a backslash, a '$' and a non-ASCII character. */
export const SALT = `pe'p\\per $$ü`;
