import { describe, expect, it } from 'vitest';
import { connectionLost } from '../../src/db/lost-connection.js';
import { isTransient, MasqError, rerunHint } from '../../src/exec/errors.js';

const withCode = (code: string, message = 'm') => Object.assign(new Error(message), { code });

describe('which failures a retry can cure', () => {
  it.each([
    ['08006', true, 'connection failure'],
    ['08001', true, 'cannot connect'],
    ['57P01', true, 'terminated by an administrator'],
    ['57P02', true, 'crash shutdown'],
    ['57P03', true, 'cannot connect now'],
    ['40001', true, 'serialization failure'],
    ['40P01', true, 'deadlock'],
    ['53300', true, 'too many connections'],
    ['22012', false, 'division by zero'],
    ['22P02', false, 'invalid text representation'],
    ['42703', false, 'undefined column'],
    ['23505', false, 'unique violation'],
    ['42501', false, 'permission denied'],
  ])('SQLSTATE %s is transient: %s (%s)', (code, transient) => {
    expect(isTransient(withCode(code))).toBe(transient);
    // Wrapped by the executor, as a cause: the same verdict.
    expect(isTransient(new MasqError('copying failed', 2, { cause: withCode(code) }))).toBe(
      transient,
    );
    expect(/run the same command again/.test(rerunHint(withCode(code)))).toBe(transient);
  });

  it('only a vanished snapshot makes 22023 transient', () => {
    expect(isTransient(withCode('22023', 'invalid snapshot identifier: "0000-1"'))).toBe(true);
    expect(isTransient(withCode('22023', 'invalid parameter value'))).toBe(false);
  });

  it('a socket that closed or failed becomes SQLSTATE 08006; other errors stay as they are', () => {
    for (const e of [
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      withCode('ECONNRESET', 'read ECONNRESET'),
      withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'),
    ])
      expect(isTransient(connectionLost(e))).toBe(true);
    const typeError = withCode('22P02', 'invalid input syntax');
    expect(connectionLost(typeError)).toBe(typeError);
    const plain = new Error('no such file');
    expect(connectionLost(plain)).toBe(plain);
  });
});
