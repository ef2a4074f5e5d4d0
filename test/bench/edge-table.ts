import { formatCopyLine } from '../../bench/copy-text.js';
import type { Connection } from '../../src/db/connection.js';

/**
 * A table with one column per (strategy, column type) pair the JS masker supports, filled
 * with hand-picked edge values first, then deterministic random ones.
 */
interface EdgeColumn {
  readonly name: string;
  readonly type: string;
  readonly rule: string;
  readonly special: readonly (string | null)[];
  readonly random: (r: Random) => string | null;
}

type Random = () => number;

const TEXTS = [
  null,
  '',
  'a',
  'ab',
  'abcd',
  'abcde',
  'Zoë 東京',
  '😀x😀yz',
  'tab\there',
  'new\nline\r\n',
  'back\\slash',
  '\\N',
  ' spaced  ',
  'x'.repeat(300),
];
const PADDED = [null, '', 'a', 'ab  ', 'Zoë', '😀😀', '123-45-6789', ' x'];
const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABC0123456789 -_.@éøß東京😀\t\\"\''];

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const maybeNull = (r: Random, v: () => string) => (r() < 0.05 ? null : v());
const text = (max: number) => (r: Random) =>
  maybeNull(r, () => Array.from({ length: int(r, 0, max) }, () => pick(r, ALPHABET)).join(''));
const integer = (digits: number) => (r: Random) =>
  maybeNull(r, () => `${r() < 0.3 ? '-' : ''}${BigInt(Math.floor(r() * 10 ** digits))}`);
const decimal = (whole: number, scale: number) => (r: Random) =>
  maybeNull(r, () => {
    const digits = Array.from({ length: whole + scale }, () => int(r, 0, 9)).join('');
    const sign = r() < 0.3 ? '-' : '';
    return `${sign}${digits.slice(0, whole) || '0'}${scale ? `.${digits.slice(whole)}` : ''}`;
  });
const day = (r: Random) => {
  const d = new Date(Date.UTC(1900, 0, 1) + Math.floor(r() * 200 * 365.25 * 86_400_000));
  return d.toISOString().slice(0, 10);
};
const time = (fraction: boolean) => (r: Random) =>
  `${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}:${String(
    int(r, 0, 59),
  ).padStart(2, '0')}${fraction && r() < 0.7 ? `.${int(r, 0, 999999)}` : ''}`;

const INT2 = [null, '0', '1', '-1', '5', '-5', '15', '32767', '-32768', '32000', '-32000'];
const INT4 = [null, '0', '-1', '2147483647', '-2147483648', '2000000000', '-7', '10'];
const INT8 = [null, '0', '9223372036854775807', '-9223372036854775808', '-123456789012'];
const DATES = [null, '2024-02-29', '0001-01-01', '0044-03-15 BC', 'infinity', '-infinity'];
const TIMESTAMPS = [
  null,
  '2024-03-01 12:34:56.789',
  '2000-01-01 00:00:00',
  '0001-01-01 00:00:00 BC',
  'infinity',
  '-infinity',
  '1999-12-31 23:59:59.999999',
];
const TIMESTAMPTZ = [
  ...TIMESTAMPS.map((t) => (t && /\d$/.test(t) ? `${t}+00` : t)),
  '2024-03-01 12:34:56.5+05:30',
];
const NUMERIC_10_2 = [null, '0.00', '-0.01', '99999999.99', '-99999999.99', '12.50', 'NaN', '0.05'];
const NUMERIC_5_2 = [null, '999.99', '-999.99', '0.00', '1.05', 'NaN'];
const NUMERIC = [
  null,
  '0',
  'NaN',
  'Infinity',
  '-Infinity',
  '123456789012345678.99',
  '-0.00000000000000000001',
  '12.500',
  '-7',
  '0.0000001',
];
const NUMERIC_4_4 = [null, '0.9999', '-0.9999', '0.0001', '0.5000'];
const NUMERIC_12_0 = [null, '999999999999', '-999999999999', '0', '1', '-3'];

const text16 = text(16);
const dates = (r: Random) => maybeNull(r, () => day(r));
const timestamps = (zone: string) => (r: Random) =>
  maybeNull(r, () => `${day(r)} ${time(zone === '')(r)}${zone}`);
const hex = (r: Random, n: number) => Array.from({ length: n }, () => int(r, 0, 15).toString(16));
const uuids = (r: Random) =>
  maybeNull(r, () =>
    hex(r, 32)
      .join('')
      .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
  );
const ipv4s = (r: Random) => maybeNull(r, () => [0, 0, 0, 0].map(() => int(r, 0, 255)).join('.'));
const ipv6s = (r: Random) => maybeNull(r, () => `2001:db8::${hex(r, 4).join('')}`);

const col = (
  name: string,
  type: string,
  rule: string,
  special: readonly (string | null)[],
  random: (r: Random) => string | null,
): EdgeColumn => ({ name, type, rule, special, random });

const COLUMNS: readonly EdgeColumn[] = [
  col('t_keep', 'text', 'keep', TEXTS, text16),
  col('t_null', 'text', 'nullify', TEXTS, text16),
  col('t_const', 'text', 'constant("masked ✓")', TEXTS, text16),
  col('vc_const', 'varchar(4)', 'constant("four  ")', [null], text(4)),
  col('bp_const', 'char(6)', 'constant("ab")', [null], text(6)),
  col('i2_const', 'smallint', 'constant(-42)', [null], integer(4)),
  col('i8_const', 'bigint', 'constant(" +9000000000 ")', [null], integer(12)),
  col('t_hash', 'text', 'hash_salt', TEXTS, text16),
  col('t_hash2', 'text', 'hash_salt(salt: env(OTHER_SALT))', TEXTS, text16),
  col('vc_hash', 'varchar(64)', 'hash_salt', PADDED, text(64)),
  col('bp_hash', 'char(70)', 'hash_salt', PADDED, text(70)),
  col('nm_redact', 'name', 'redact(keep_last: 2)', PADDED, text(12)),
  col('t_redact', 'text', 'redact', TEXTS, text16),
  col('t_redact2', 'text', 'redact(keep_first: 2, keep_last: 3, char: "•")', TEXTS, text16),
  col('vc_redact', 'varchar(24)', 'redact(keep_last: 4)', PADDED, text(24)),
  col('bp_redact', 'char(11)', 'redact(char: "#", keep_first: 1, keep_last: 2)', PADDED, text(11)),
  col('bp_any', 'bpchar', 'redact(keep_first: 1)', PADDED, text(12)),
  col('vc_any', 'varchar', 'substitute(word) unique', PADDED, text(12)),
  col('bp_any_const', 'bpchar', 'constant("ab  ")', [null], text(3)),
  col('bp_keep', 'char(5)', 'keep', [null, '', 'ab  ', 'Zoë', '😀😀'], text(5)),
  col('t_sub', 'text', 'substitute(full_name)', TEXTS, text16),
  col('t_sub_u', 'text', 'substitute(city) unique', TEXTS, text16),
  col('t_email', 'text', 'substitute(email) unique', TEXTS, text16),
  col('bp_sub', 'char(80)', 'substitute(word) unique', PADDED, text(20)),
  col('d_sub', 'date', 'substitute(date_of_birth)', DATES, dates),
  col('u_sub', 'uuid', 'substitute(uuid)', [null, '00000000-0000-0000-0000-000000000000'], uuids),
  col('in4_sub', 'inet', 'substitute(ipv4)', [null, '10.0.0.1', '10.0.0.0/8', '::1'], ipv4s),
  col('in6_sub', 'inet', 'substitute(ipv6)', [null, '2001:db8::1', '::ffff:1.2.3.4'], ipv6s),
  col('i2_pct', 'smallint', 'perturb(pct: 10)', INT2, integer(4)),
  col('i4_pct', 'integer', 'perturb(pct: 33.3)', INT4, integer(9)),
  col('i8_pct', 'bigint', 'perturb(pct: 1000)', INT8, integer(18)),
  col('i2_abs', 'smallint', 'perturb(abs: 100)', INT2, integer(4)),
  col('i4_abs', 'integer', 'perturb(abs: 2.5)', INT4, integer(3)),
  col('i8_abs', 'bigint', 'perturb(abs: 123456789)', INT8, integer(18)),
  col('n_pct', 'numeric(10,2)', 'perturb(pct: 10)', NUMERIC_10_2, decimal(8, 2)),
  col('n_abs', 'numeric(5,2)', 'perturb(abs: 7.5)', NUMERIC_5_2, decimal(3, 2)),
  col('n_free', 'numeric', 'perturb(pct: 12.5)', NUMERIC, decimal(20, 3)),
  col('n_free_abs', 'numeric', 'perturb(abs: 0.001)', NUMERIC, decimal(4, 5)),
  col('n_frac', 'numeric(4,4)', 'perturb(pct: 50)', NUMERIC_4_4, decimal(0, 4)),
  col('n_whole', 'numeric(12,0)', 'perturb(abs: 0.5)', NUMERIC_12_0, decimal(12, 0)),
  col('d_days', 'date', 'perturb(days: 90)', DATES, dates),
  col('ts_days', 'timestamp', 'perturb(days: 3)', TIMESTAMPS, timestamps('')),
  col('ts_secs', 'timestamp(3)', 'perturb(seconds: 86400)', TIMESTAMPS, timestamps('')),
  col('tz_days', 'timestamptz', 'perturb(days: 400)', TIMESTAMPTZ, timestamps('+00')),
  col('tz_secs', 'timestamptz', 'perturb(seconds: 5000000)', TIMESTAMPTZ, timestamps('-08')),
  col('b_keep', 'boolean', 'keep', [null, 't', 'f'], (r) => (r() < 0.5 ? 't' : 'f')),
  col('j_null', 'jsonb', 'nullify', [null, '{"a": 1}'], () => '[1, 2]'),
  col('j_keep', 'jsonb', 'keep', [null, '{"b": "Zoë\\t"}'], () => '{}'),
  col('f_keep', 'double precision', 'keep', [null, '0.1', '-1e300', 'NaN'], (r) => `${r() * 1e6}`),
  col('inet_keep', 'inet', 'keep', [null, '10.0.0.0/8', '::1'], () => '192.168.0.1'),
];

/** The `table edge { … }` block of a spec. */
export function edgeSpec(): string {
  return ['table edge {', '  key id', ...COLUMNS.map((c) => `  ${c.name} ${c.rule}`), '}', ''].join(
    '\n',
  );
}

/** Creates public.edge (and a generated column no rule names) and loads `rows` rows by COPY. */
export async function createEdgeTable(conn: Connection, rows: number): Promise<void> {
  const columns = COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ');
  await conn.exec(
    `CREATE TABLE public.edge (id int PRIMARY KEY, ${columns}, g text GENERATED ALWAYS AS (upper(t_keep)) STORED)`,
  );
  const random = mulberry32(20261124);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const values = COLUMNS.map((c) =>
      i < c.special.length ? (c.special[i] ?? null) : c.random(random),
    );
    lines.push(formatCopyLine([String(i + 1), ...values]) + '\n');
  }
  const names = ['id', ...COLUMNS.map((c) => c.name)].join(', ');
  await conn.copyIn(
    `COPY public.edge (${names}) FROM ${conn.copyEndpoint.from}`,
    Buffer.from(lines.join('')),
  );
}

/** A small seeded PRNG, so every run loads the same rows. */
function mulberry32(seed: number): Random {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
