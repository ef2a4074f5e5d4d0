import { hash } from 'node:crypto';
import type { ColumnPlan, Plan, RulePlan, TablePlan } from '../src/ir/plan.js';
import { UNIQUE_SUFFIX } from '../src/strategies/field-types.js';
import { substituteDictionary } from '../src/strategies/substitute.js';
import { suffixText, withSuffix } from '../src/strategies/unique-suffix.js';
import type { KeyedHash } from './keyed-hash.js';
import { keyedHash } from './keyed-hash.js';
import { shiftDate, shiftTimestamp } from './pg-datetime.js';
import { inetOut, inetText } from './pg-inet.js';
import type { Decimal } from './pg-numeric.js';
import * as num from './pg-numeric.js';

/**
 * The streaming baseline's masking: what masq's SQL computes for one row, computed in Node from
 * the row's COPY text, value for value (see each strategy's lowerPostgres and lowering.ts).
 *
 * Supported: keep and nullify on any column; constant on text-like and integer columns;
 * hash_salt, redact and substitute on `text`, `varchar[(n)]`, `char(n)`, `bpchar`, `citext`,
 * `name`; substitute cast to `date`, `uuid` and `inet`; perturb on `smallint`, `integer`,
 * `bigint`, `numeric[(p,s)]` (s ≥ 0), `date`, `timestamp[(n)]` and `timestamptz[(n)]`.
 * Anything else (perturb on floats, domains, a table with `sample`) throws 'unsupported' when
 * compiled rather than guess. A table's `where` and `limit` choose rows, not values: they belong
 * in the caller's COPY query. A value masq's SQL would fail on (a shifted date out of range, a
 * numeric overflow) throws.
 *
 * Source rows must be COPied out in a session with TimeZone=UTC and DateStyle=ISO, as masq pins
 * them: keyed hashes are taken of that text.
 */

/**
 * Masks one row as masq's SQL does. `fields` are the source values in the order of
 * table.columns (COPY text format already unescaped; null for NULL); returns the target values
 * in the same order (null for NULL). Generated columns give null: masq never inserts them (the
 * target recomputes them), so a loader must leave them out of its COPY column list too.
 */
export type RowMasker = (fields: readonly (string | null)[]) => (string | null)[];

type ColumnMasker = (value: string | null) => string | null;

export function compileRowMasker(
  plan: Plan,
  table: TablePlan,
  secrets: readonly string[],
): RowMasker {
  if (secrets.length < plan.secrets.length)
    throw new Error(`the plan needs ${plan.secrets.length} secret(s), got ${secrets.length}`);
  if (table.sample !== undefined)
    throw unsupported(`table ${table.name}: sample (rows are picked by masq, not by the masker)`);
  const keyed = keyedHash(plan.hashMode, secrets[0]!);
  const maskers = table.columns.map((c) =>
    c.generated ? () => null : columnMasker(plan, c, keyed, secrets),
  );
  const width = maskers.length;
  return (fields) => {
    if (fields.length !== width)
      throw new Error(`table ${table.name} has ${width} columns, the row ${fields.length}`);
    const out = new Array<string | null>(width);
    for (let i = 0; i < width; i++) out[i] = maskers[i]!(fields[i]!);
    return out;
  };
}

/** `((h % n) + n) % n`, as the SQL writes it. */
function hashMod(h: bigint, n: bigint): bigint {
  return ((h % n) + n) % n;
}

function columnMasker(
  plan: Plan,
  column: ColumnPlan,
  keyed: KeyedHash,
  secrets: readonly string[],
): ColumnMasker {
  const { rule } = column;
  switch (rule.strategy) {
    case 'keep':
      return (v) => v;
    case 'nullify':
      return () => null;
    case 'constant': {
      const value = constantValue(String(rule.params.value), column);
      return () => value;
    }
  }
  // The remaining strategies keep NULL NULL (masq wraps them in CASE WHEN v IS NULL).
  const masker = nonNullMasker(plan, column, keyed, secrets);
  return (v) => (v === null ? null : masker(v));
}

function nonNullMasker(
  plan: Plan,
  column: ColumnPlan,
  keyed: KeyedHash,
  secrets: readonly string[],
): (v: string) => string {
  const { rule } = column;
  const form = valueForm(column);
  switch (rule.strategy) {
    case 'hash_salt': {
      const param = rule.params.salt;
      const secret = secrets[typeof param === 'object' ? param.secret : 0];
      if (secret === undefined) throw new Error(`column ${column.name}: its secret is missing`);
      return (v) => form.store(hash('sha256', secret + form.text(v), 'hex'));
    }
    case 'redact':
      return redacter(rule, form);
    case 'substitute':
      return substituter(plan, column, keyed, form);
    case 'perturb':
      return perturber(column, keyed, form);
    default:
      throw unsupported(`strategy ${rule.strategy}`);
  }
}

/** A column's `value::text` (what is hashed) and how a text result is stored in it. */
interface ValueForm {
  text(copied: string): string;
  store(text: string): string;
}

const AS_IS = (v: string) => v;
const TEXT_TYPES = /^(text|citext|name|bpchar|character varying(\(\d+\))?|character\(\d+\))$/;

function valueForm(column: ColumnPlan): ValueForm {
  const { type, category } = column;
  if (category === 'inet') return { text: inetText, store: AS_IS };
  if (category !== 'text') return { text: AS_IS, store: AS_IS };
  if (!TEXT_TYPES.test(type)) throw unsupported(`column ${column.name} of type ${type}`);
  // char(n) ignores trailing spaces (::text, char_length) and pads what it stores.
  const padded = /^character\((\d+)\)$/.exec(type);
  if (padded) {
    const width = Number(padded[1]);
    return { text: trimSpaces, store: (t) => t + ' '.repeat(width - codePoints(t)) };
  }
  if (type === 'bpchar') return { text: trimSpaces, store: AS_IS };
  if (type === 'name') return { text: AS_IS, store: clipName };
  return { text: AS_IS, store: AS_IS };
}

const trimSpaces = (v: string) => v.replace(/ +$/, '');

/** `name` keeps at most 63 bytes, cut at a character boundary. */
function clipName(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= 63) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch, 'utf8');
    if (bytes > 63) break;
    out += ch;
  }
  return out;
}

/** `'value'::type` as PostgreSQL prints it, for text-like and integer columns. */
function constantValue(value: string, column: ColumnPlan): string {
  const { type, category } = column;
  if (category === 'integer') {
    const m = /^\s*([+-]?\d+)\s*$/.exec(value);
    const max = INTEGER_MAX[type];
    if (!m || max === undefined) throw unsupported(`constant ${value} in ${type}`);
    const n = BigInt(m[1]!);
    if (n > max || n < -max - 1n) throw new Error(`value "${value}" is out of range for ${type}`);
    return n.toString();
  }
  if (category !== 'text') throw unsupported(`constant in ${type} column ${column.name}`);
  // An explicit cast to varchar(n) or char(n) cuts a longer value to n characters.
  const limited = /^character(?: varying)?\((\d+)\)$/.exec(type);
  const cut = limited ? firstCodePoints(value, Number(limited[1])) : value;
  return valueForm(column).store(cut);
}

function redacter(rule: RulePlan, form: ValueForm): (v: string) => string {
  const first = Number(rule.params.keep_first ?? 0);
  const last = Number(rule.params.keep_last ?? 0);
  const mask = String(rule.params.char ?? '*');
  const kept = first + last;
  return (v) => {
    const t = form.text(v);
    const n = codePoints(t);
    if (n <= kept || kept === 0) return form.store(mask.repeat(n));
    return form.store(firstCodePoints(t, first) + mask.repeat(n - kept) + lastCodePoints(t, last));
  };
}

function substituter(
  plan: Plan,
  column: ColumnPlan,
  keyed: KeyedHash,
  form: ValueForm,
): (v: string) => string {
  const { rule } = column;
  const { type, key } = substituteDictionary(rule, column);
  const dict = plan.dictionaries[key];
  if (!dict) throw new Error(`plan has no dictionary ${key}`);
  const size = BigInt(dict.length);
  const cast = substituteCast(column);
  if (!rule.unique) return (v) => cast(dict[Number(hashMod(keyed.hash(form.text(v)), size))]!);
  const placement = UNIQUE_SUFFIX[type];
  if (!placement) throw unsupported(`substitute(${type}) unique`);
  return (v) => {
    const text = form.text(v);
    const pick = dict[Number(hashMod(keyed.hash(text), size))]!;
    return cast(withSuffix(pick, suffixText(keyed.suffixBits(text)), placement));
  };
}

/** `pick::type` for the non-text columns a dictionary may fill. */
function substituteCast(column: ColumnPlan): (pick: string) => string {
  const { type, category } = column;
  if (category === 'text') return valueForm(column).store;
  if (category === 'date' && type === 'date') return (pick) => shiftDate(pick, 0);
  if (category === 'uuid' && type === 'uuid') return uuidOut;
  if (category === 'inet' && type === 'inet') return inetOut;
  throw unsupported(`substitute into ${type} column ${column.name}`);
}

function uuidOut(text: string): string {
  const hex = text.replace(/^\{(.*)\}$/, '$1').replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a uuid: ${text}`);
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Mirrors perturb.ts: SCALE, the type ranges and the clamp, on PostgreSQL's numeric arithmetic,
 * whose division rounds (pg-numeric.ts) and is then rounded again to the value's scale.
 */
const SCALE = 1_000_000;
const U_SPAN = BigInt(2 * SCALE + 1);
const INTEGER_MAX: Readonly<Record<string, bigint>> = {
  smallint: 32767n,
  integer: 2147483647n,
  bigint: 9223372036854775807n,
};
const PCT_DIVISOR: Decimal = { digits: BigInt(100 * SCALE), scale: 0 };
const ABS_DIVISOR: Decimal = { digits: BigInt(SCALE), scale: 0 };
const NOT_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);
const DAY = 86_400;

function perturber(column: ColumnPlan, keyed: KeyedHash, form: ValueForm): (v: string) => string {
  const { rule, type, category } = column;
  const bound = ['pct', 'abs', 'days', 'seconds'].find((p) => rule.params[p] !== undefined);
  if (bound === undefined) throw new Error(`column ${column.name}: perturb without a bound`);
  const amount = Number(rule.params[bound]);
  if (bound === 'days' || bound === 'seconds') {
    const span = BigInt(2 * amount + 1);
    const shift = (v: string) => Number(hashMod(keyed.hash(form.text(v)), span)) - amount;
    const unit = bound === 'days' ? DAY : 1;
    if (category === 'date') return (v) => shiftDate(v, shift(v));
    if (category === 'timestamp' || category === 'timestamptz') {
      const zoned = category === 'timestamptz';
      return (v) => shiftTimestamp(v, shift(v) * unit, zoned);
    }
    throw unsupported(`perturb(${bound}) on ${type} column ${column.name}`);
  }
  // The SQL writes the bound as a JS number literal; parse it as PostgreSQL parses that text.
  const factor = num.parseDecimal(String(amount));
  const delta =
    bound === 'pct'
      ? (x: Decimal, u: Decimal) => num.div(num.mul(num.mul(x, u), factor), PCT_DIVISOR)
      : (_x: Decimal, u: Decimal) => num.div(num.mul(u, factor), ABS_DIVISOR);
  const noise = (v: string): Decimal => ({
    digits: hashMod(keyed.hash(form.text(v)), U_SPAN) - BigInt(SCALE),
    scale: 0,
  });
  if (category === 'integer') {
    const max = INTEGER_MAX[type];
    if (max === undefined) throw unsupported(`perturb on ${type} column ${column.name}`);
    return (v) => {
      const x: Decimal = { digits: BigInt(v), scale: 0 };
      const shifted = x.digits + num.round(delta(x, noise(v)), 0).digits;
      return (shifted > max ? max : shifted < -max ? -max : shifted).toString();
    };
  }
  if (category === 'decimal') {
    const typmod = numericTypmod(type, column.name);
    return (v) => {
      // `v - v = 0` fails for NaN and ±Infinity, which masq leaves as they are.
      if (NOT_FINITE.has(v)) return v;
      const x = num.parseDecimal(v);
      const shifted = num.round(num.add(x, delta(x, noise(v))), x.scale);
      return num.formatDecimal(typmod ? typmod(shifted) : shifted);
    };
  }
  throw unsupported(`perturb(${bound}) on ${type} column ${column.name}`);
}

/**
 * numeric(p,s): masq's clamp to ±(its numericRange), then the cast, which rounds to s and fails
 * on overflow. numericRange assumes s ≤ p; for s > p its bound is too loose and the cast fails,
 * as it does in PostgreSQL.
 */
function numericTypmod(type: string, name: string): ((x: Decimal) => Decimal) | undefined {
  if (type === 'numeric') return undefined;
  const m = /^numeric\((\d+),(\d+)\)$/.exec(type);
  if (!m) throw unsupported(`perturb on ${type} column ${name}`);
  const [precision, scale] = [Number(m[1]), Number(m[2])];
  const whole = precision - scale;
  const max = num.parseDecimal(
    `${whole > 0 ? '9'.repeat(whole) : '0'}${scale > 0 ? `.${'9'.repeat(scale)}` : ''}`,
  );
  const min: Decimal = { digits: -max.digits, scale: max.scale };
  const limit = num.pow10(precision);
  return (x) => {
    const clamped = num.compare(x, max) > 0 ? max : num.compare(x, min) < 0 ? min : x;
    const cast = num.round(clamped, scale);
    if (cast.digits >= limit || -cast.digits >= limit) throw new Error('numeric field overflow');
    return cast;
  };
}

/** Characters as PostgreSQL counts them in UTF-8: code points, not UTF-16 units. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

function firstCodePoints(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) i += isHighSurrogate(s.charCodeAt(i)) ? 2 : 1;
  return s.slice(0, i);
}

function lastCodePoints(s: string, n: number): string {
  let i = s.length;
  for (let k = 0; k < n && i > 0; k++) i -= isLowSurrogate(s.charCodeAt(i - 1)) ? 2 : 1;
  return s.slice(i);
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function unsupported(what: string): Error {
  return new Error(`js-masker: unsupported: ${what}`);
}

export { formatCopyLine, parseCopyLine } from './copy-text.js';
