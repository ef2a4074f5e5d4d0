/**
 * `date + int` and `timestamp[tz] + make_interval(days | secs => n)` on the text forms a
 * session with DateStyle ISO and TimeZone UTC prints: `2024-02-29`, `0044-03-15 BC`,
 * `2024-03-01 12:34:56.5`, `2024-03-01 12:34:56+00`, `infinity`. Whole days and seconds never
 * touch the fraction, so it is carried as text; days are counted from 1970-01-01.
 */

const DATE = /^(\d{4,})-(\d{2})-(\d{2})( BC)?$/;
const TIMESTAMP = /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?(\+00)?( BC)?$/;
const INFINITE = new Set(['infinity', '-infinity']);
const DAY = 86_400;

/** Valid days: from 4714-11-24 BC (Julian day 0) to the end of each type's range. */
const FIRST_DAY = daysFromCivil(-4713, 11, 24);
const DATE_END = daysFromCivil(5874898, 1, 1);
const TIMESTAMP_END = daysFromCivil(294277, 1, 1);

export function shiftDate(text: string, days: number): string {
  if (INFINITE.has(text)) return text;
  const m = DATE.exec(text);
  if (!m) throw new Error(`not an ISO date: ${text}`);
  const day = daysFromCivil(year(m[1]!, m[4]), Number(m[2]), Number(m[3])) + days;
  if (day < FIRST_DAY || day >= DATE_END) throw new Error('date out of range');
  return formatDay(day);
}

/** `withZone`: a timestamptz, printed with the UTC offset `+00`. */
export function shiftTimestamp(text: string, seconds: number, withZone: boolean): string {
  if (INFINITE.has(text)) return text;
  const m = TIMESTAMP.exec(text);
  if (!m || (m[8] !== undefined) !== withZone)
    throw new Error(
      `not an ISO ${withZone ? 'timestamptz in UTC' : 'timestamp'}: ${text} (COPY it out with TimeZone=UTC, DateStyle=ISO)`,
    );
  const [, y, mo, d, hh, mi, ss, fraction = '', zone = '', bc] = m;
  const total =
    daysFromCivil(year(y!, bc), Number(mo), Number(d)) * DAY +
    Number(hh) * 3600 +
    Number(mi) * 60 +
    Number(ss) +
    seconds;
  const day = Math.floor(total / DAY);
  if (day < FIRST_DAY || day >= TIMESTAMP_END) throw new Error('timestamp out of range');
  const second = total - day * DAY;
  const time = [Math.floor(second / 3600), Math.floor(second / 60) % 60, second % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
  const date = formatDay(day);
  const bcSuffix = date.endsWith(' BC') ? ' BC' : '';
  return `${date.slice(0, date.length - bcSuffix.length)} ${time}${fraction}${zone}${bcSuffix}`;
}

/** The astronomical year: 1 BC is year 0. */
function year(digits: string, bc: string | undefined): number {
  return bc ? 1 - Number(digits) : Number(digits);
}

function formatDay(day: number): string {
  const [y, m, d] = civilFromDays(day);
  const shown = String(y > 0 ? y : 1 - y).padStart(4, '0');
  const md = `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return `${shown}-${md}${y > 0 ? '' : ' BC'}`;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
