import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardOutput } from '../../src/secrets/guard-output.js';
import { Scrubber } from '../../src/secrets/scrubber.js';

const SALT = 'SALT-canary-"q\'7f3a';

/** A stream as masq's stdout/stderr are: written by `write(string)`; keeps what it received. */
function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('the output guard', () => {
  const scrubber = new Scrubber();
  scrubber.addSecret(SALT);
  scrubber.addUrl('postgres://app:pw%40Secret9@db/shop?sslpassword=keyPass77');
  const out = capture();
  guardOutput(out.stream, scrubber);

  it.each([
    ['a PostgreSQL error text', `invalid input syntax for type integer: "${SALT}"`],
    ['a --json line', JSON.stringify({ kind: 'error', message: `bad ${SALT}` })],
    ['an SQL literal', `DETAIL: Key (k)=('${SALT.replaceAll("'", "''")}') exists`],
    ['the hex of its bytes', `\\x${Buffer.from(SALT).toString('hex')}`],
    ['its base64', Buffer.from(SALT).toString('base64')],
    ['in a URL', `postgres://u:${encodeURIComponent(SALT)}@h/db`],
  ])('scrubs the salt from %s', (_, line) => {
    out.stream.write(line + '\n');
    expect(out.text()).not.toContain(SALT);
    expect(out.text()).not.toContain(Buffer.from(SALT).toString('hex'));
    expect(out.text()).not.toContain(Buffer.from(SALT).toString('base64'));
    expect(out.text()).not.toContain(JSON.stringify(SALT).slice(1, -1));
    expect(out.text()).toContain('***');
  });

  it('scrubs a URL password as written and as the driver decodes it, Buffers included', () => {
    out.stream.write(Buffer.from('password authentication failed: pw@Secret9 / pw%40Secret9\n'));
    out.stream.write('could not read key with keyPass77\n');
    expect(out.text()).not.toMatch(/Secret9|keyPass77/);
  });

  it('leaves other text alone', () => {
    const plain = capture();
    guardOutput(plain.stream, scrubber);
    plain.stream.write('orders: 3000 rows in 0.50 s\n');
    expect(plain.text()).toBe('orders: 3000 rows in 0.50 s\n');
  });
});
