import { isIP } from 'node:net';
import type { ColumnInput } from './strategy.js';

/**
 * Whether PostgreSQL will take `text` as a value of the column's type, decided offline, so
 * `masq check` refuses `constant("abc")` on an integer column instead of the run failing (or,
 * for varchar(n), silently cutting the value: an explicit cast truncates). Returns what the
 * column takes when the value does not fit, undefined when it does or cannot be judged here.
 *
 * Dates and timestamps are held to ISO 8601 (and the special words), stricter than PostgreSQL's
 * many input styles, some of which depend on the session's DateStyle: a constant then means the
 * same date on every server.
 */
export function constantMisfit(text: string, column: ColumnInput): string | undefined {
  const type = column.domainOf ?? column.type;
  switch (column.category) {
    case 'integer':
      return integerMisfit(text, type);
    case 'decimal':
      return decimalMisfit(text, type);
    case 'float':
      return floatMisfit(text, type);
    case 'boolean':
      return BOOLEAN.test(text.trim()) ? undefined : 'true or false (t, yes, on, 1, f, no, off, 0)';
    case 'date':
      return dateMisfit(text);
    case 'timestamp':
    case 'timestamptz':
      return timestampMisfit(text);
    case 'uuid':
      return UUID.test(text.trim().replace(/^\{(.*)\}$/, '$1')) ? undefined : 'a UUID';
    case 'inet':
      return inetMisfit(text, type);
    case 'json':
      return jsonMisfit(text);
    case 'text':
      return lengthMisfit(text, column);
    default:
      return undefined;
  }
}

const INTEGER_RANGE: Readonly<Record<string, readonly [bigint, bigint]>> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

function integerMisfit(text: string, type: string): string | undefined {
  const range = INTEGER_RANGE[type];
  if (!range) return undefined;
  const wanted = `a whole number from ${range[0]} to ${range[1]}`;
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) return wanted;
  const n = BigInt(t);
  return n < range[0] || n > range[1] ? wanted : undefined;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const SPECIAL_NUMBER = /^([+-]?(inf|infinity)|nan)$/i;

function decimalMisfit(text: string, type: string): string | undefined {
  const t = text.trim();
  const typmod = /^numeric\((\d+),(-?\d+)\)$/.exec(type);
  if (SPECIAL_NUMBER.test(t)) return typmod ? `a number that fits ${type}` : undefined;
  if (!DECIMAL.test(t)) return 'a number';
  if (!typmod) return undefined;
  const [precision, scale] = [Number(typmod[1]), Number(typmod[2])];
  return scaledDigits(t, scale) > precision ? `a number that fits ${type}` : undefined;
}

/**
 * How many digits numeric(p,s) needs for a decimal text: the digits of |x| × 10^s rounded half
 * away from zero, as PostgreSQL rounds. Computed on the digits, not in floating point.
 */
function scaledDigits(decimal: string, scale: number): number {
  const m = /^[+-]?(\d*)\.?(\d*)(?:e([+-]?\d+))?$/i.exec(decimal)!;
  const digits = (m[1]! + m[2]!).replace(/^0+/, '');
  if (digits === '') return 0;
  // value = digits × 10^exponent
  const exponent = Number(m[3] ?? 0) - m[2]!.length + scale;
  if (exponent >= 0) return digits.length + exponent;
  const kept = digits.slice(0, Math.max(0, digits.length + exponent));
  const next = digits[digits.length + exponent] ?? '0';
  const rounded = next >= '5' ? (BigInt(kept || '0') + 1n).toString() : kept.replace(/^0+/, '');
  return rounded === '0' ? 0 : rounded.length;
}

function floatMisfit(text: string, type: string): string | undefined {
  const t = text.trim();
  if (SPECIAL_NUMBER.test(t)) return undefined;
  if (!DECIMAL.test(t)) return 'a number';
  const max = type === 'real' ? 3.4028234663852886e38 : Number.MAX_VALUE;
  return Math.abs(Number(t)) > max ? `a number within the range of ${type}` : undefined;
}

/** What boolin accepts: a prefix of true/false/yes/no, on, off (at least "of"), 1 and 0. */
const BOOLEAN = /^(t(r(ue?)?)?|f(a(l(se?)?)?)?|y(es?)?|no?|on|off?|1|0)$/i;

const UUID = /^[0-9a-f]{4}(-?[0-9a-f]{4}){7}$/i;

const DATE_WORDS = /^(epoch|infinity|-infinity|today|tomorrow|yesterday)$/i;
const ISO_DATE = /^(\d{4,})-(\d{2})-(\d{2})( BC)?$/;
const ISO_TIMESTAMP =
  /^(\d{4,}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?))?)?( BC)?$/i;

function dateMisfit(text: string): string | undefined {
  const t = text.trim();
  if (DATE_WORDS.test(t)) return undefined;
  const m = ISO_DATE.exec(t);
  return m && realDate(Number(m[1]), Number(m[2]), Number(m[3])) ? undefined : 'a date, YYYY-MM-DD';
}

function timestampMisfit(text: string): string | undefined {
  const t = text.trim();
  const wanted = 'a timestamp, YYYY-MM-DD HH:MM:SS (ISO 8601)';
  if (DATE_WORDS.test(t) || /^now$/i.test(t)) return undefined;
  const m = ISO_TIMESTAMP.exec(t);
  if (!m || dateMisfit(m[1]!)) return wanted;
  const [h, min, s] = [m[2], m[3], m[4]].map((x) => Number(x ?? 0));
  // 24:00:00 is allowed, as in PostgreSQL; a leap second 60 is too.
  return h! > 24 || min! > 59 || s! > 60 || (h === 24 && (min! > 0 || s! > 0)) ? wanted : undefined;
}

function realDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function inetMisfit(text: string, type: string): string | undefined {
  const [address, bits, extra] = text.trim().split('/');
  const family = isIP(address ?? '');
  const max = family === 6 ? 128 : 32;
  const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
  return family && bitsOk && extra === undefined ? undefined : `an IP address (${type})`;
}

function jsonMisfit(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    return 'JSON';
  }
}

/** varchar(n) and char(n): an explicit cast would cut a longer value without a word. */
function lengthMisfit(text: string, column: ColumnInput): string | undefined {
  if (column.maxLength === undefined) return undefined;
  // Spaces past the limit are what PostgreSQL lets go without an error, in both types.
  const length = [...text.replace(/ +$/, '')].length;
  return length > column.maxLength ? `at most ${column.maxLength} characters` : undefined;
}
