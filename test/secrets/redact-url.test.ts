import { parse } from 'pg-connection-string';
import { describe, expect, it } from 'vitest';
import { hasPassword, passwordsIn, redactUrl } from '../../src/secrets/redact-url.js';

/**
 * Every spelling of a password in a connection string that the pg driver (pg-connection-string)
 * or libpq accepts, with the texts that must not survive redaction: the password as written
 * (first), as the driver decodes it, and any part an older, narrower redaction left.
 */
const WITH_PASSWORD: readonly [form: string, url: string, secrets: readonly string[]][] = [
  ['user and password', 'postgres://u:pw-1@h/db', ['pw-1']],
  ['postgresql scheme, port', 'postgresql://u:pw-2@h:5432/db', ['pw-2']],
  ['empty user', 'postgresql://:pw-3@h/db', ['pw-3']],
  ['raw @ in the password', 'postgres://u:p@ss-4@h/db', ['p@ss-4', 'ss-4']],
  ['raw : in the password', 'postgres://u:p:ss-5@h/db', ['p:ss-5']],
  ['raw / in the password', 'postgres://u:p/ss-6@h/db', ['p/ss-6']],
  ['raw ? in the password', 'postgres://u:p?ss-7@h/db', ['p?ss-7']],
  ['raw # in the password', 'postgres://u:p#ss-8@h/db', ['p#ss-8']],
  ['percent-encoded @', 'postgres://u:p%40ss-9@h/db', ['p%40ss-9', 'p@ss-9']],
  ['percent-encoded everything', 'postgres://u:%70%77-10@h/db', ['%70%77-10', 'pw-10']],
  ['space in the password', 'postgres://u:p w-11@h/db', ['p w-11']],
  ['socket host in the query', 'postgres://u:pw-12@/db?host=/var/run/postgresql', ['pw-12']],
  ['encoded socket host', 'postgres://u:pw-13@%2Fvar%2Frun%2Fpostgresql/db', ['pw-13']],
  ['?password=', 'postgres://u@h/db?password=pw-14', ['pw-14']],
  [
    '&password= after another parameter',
    'postgres://h/db?sslmode=disable&password=pw-15',
    ['pw-15'],
  ],
  ['?password= encoded', 'postgres://h/db?password=p%26w-16', ['p%26w-16', 'p&w-16']],
  ['?password= with a raw &', 'postgres://h/db?password=pw&x-17', ['pw&x-17']],
  ['sslpassword=', 'postgres://u@h/db?sslmode=require&sslpassword=pw-18', ['pw-18']],
  ['password in both places', 'postgres://u:pw-19@h/db?password=pw-19b', ['pw-19', 'pw-19b']],
  ['several hosts', 'postgres://u:pw-20@h1:5432,h2:5433/db', ['pw-20']],
  ['IPv6 host', 'postgres://u:pw-21@[::1]:5432/db', ['pw-21']],
  ['fragment', 'postgres://u:pw-22@h/db#x', ['pw-22']],
  ['socket: URL with user info', 'socket://u:pw-23@/var/run/postgresql?db=d', ['pw-23']],
  ['socket: URL with password=', 'socket:/var/run/postgresql?db=d&password=pw-24', ['pw-24']],
  ['libpq key=value', 'host=h password=pw-25 dbname=d', ['pw-25']],
  ['libpq key = value, quoted', "host=h password = 'p w\\'-26' dbname=d", ["p w\\'-26"]],
  ['libpq sslpassword', 'host=h sslpassword=pw-27', ['pw-27']],
  ['upper-case PASSWORD=', 'postgres://h/db?PASSWORD=pw-28', ['pw-28']],
];

const WITHOUT_PASSWORD: readonly string[] = [
  'postgres://u@h:5432/db',
  'postgres://h/db?sslmode=require&application_name=masq',
  'postgres://u@/db?host=/var/run/postgresql',
  '/var/run/postgresql db',
  'pglite:memory',
  'pglite:///tmp/masq-data',
  'pglite://./data',
];

describe('redactUrl', () => {
  it.each(WITH_PASSWORD)('hides the password: %s', (_, url, secrets) => {
    const shown = redactUrl(url);
    for (const secret of secrets) expect(shown).not.toContain(secret);
    expect(shown).toContain('***');
    expect(hasPassword(url)).toBe(true);
    expect(passwordsIn(url)).toContain(secrets[0]);
  });

  it.each(WITH_PASSWORD)('hides what the pg driver reads as the password: %s', (_, url) => {
    let driver: string | undefined;
    try {
      driver = parse(url).password ?? undefined;
    } catch {
      return; // the driver refuses it: it reads no password, but the text is still hidden above
    }
    if (!driver) return;
    expect(redactUrl(url)).not.toContain(driver);
    expect(passwordsIn(url)).toContain(driver);
  });

  it.each(WITHOUT_PASSWORD)('leaves a string without a password as it is: %s', (url) => {
    expect(redactUrl(url)).toBe(url);
    expect(hasPassword(url)).toBe(false);
  });

  it('keeps the user, host and database readable', () => {
    expect(redactUrl('postgres://app:pw@db.example:5432/shop?sslmode=require')).toBe(
      'postgres://app:***@db.example:5432/shop?sslmode=require',
    );
    expect(redactUrl('postgres://h/shop?password=x&sslmode=require')).toBe(
      'postgres://h/shop?password=***&sslmode=require',
    );
  });
});
