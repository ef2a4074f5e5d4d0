/**
 * PostgreSQL `numeric` arithmetic, exactly: a value is `digits × 10^-scale`, where `scale` is
 * the display scale (dscale) PostgreSQL carries along and prints. BigInt only, never floats.
 */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

const POWERS: bigint[] = [1n];

export function pow10(n: number): bigint {
  for (let i = POWERS.length; i <= n; i++) POWERS.push(POWERS[i - 1]! * 10n);
  return POWERS[n]!;
}

/** numeric_in: `-12.50`, `+3`, `.5`, `1e-7` (scale 7), `2.5E+3` (scale 0). Not NaN/Infinity. */
export function parseDecimal(text: string): Decimal {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && !m[3])) throw new Error(`not a decimal number: ${text}`);
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  const abs = BigInt(whole! + fraction || '0');
  const scale = fraction.length - Number(exponent);
  const digits = sign === '-' ? -abs : abs;
  return scale >= 0 ? { digits, scale } : { digits: digits * pow10(-scale), scale: 0 };
}

/** numeric_out: plain notation, exactly `scale` decimals. */
export function formatDecimal(d: Decimal): string {
  const negative = d.digits < 0n;
  const abs = (negative ? -d.digits : d.digits).toString().padStart(d.scale + 1, '0');
  const whole = abs.slice(0, abs.length - d.scale);
  const text = d.scale > 0 ? `${whole}.${abs.slice(abs.length - d.scale)}` : whole;
  return negative ? `-${text}` : text;
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { digits: a.digits * b.digits, scale: a.scale + b.scale };
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return {
    digits: a.digits * pow10(scale - a.scale) + b.digits * pow10(scale - b.scale),
    scale,
  };
}

export function compare(a: Decimal, b: Decimal): number {
  const d = add(a, { digits: -b.digits, scale: b.scale }).digits;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** n / m rounded half away from zero, as PostgreSQL's round_var rounds. */
export function divRound(n: bigint, m: bigint): bigint {
  const q = n / m;
  const r = n % m;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice < (m < 0n ? -m : m)) return q;
  return n < 0n !== m < 0n ? q - 1n : q + 1n;
}

/** round(x, scale) for scale ≥ 0: half away from zero; the result's dscale is `scale`. */
export function round(x: Decimal, scale: number): Decimal {
  if (scale >= x.scale) return { digits: x.digits * pow10(scale - x.scale), scale };
  return { digits: divRound(x.digits, pow10(x.scale - scale)), scale };
}

/**
 * numeric_div: the quotient rounded (half away from zero) at the scale select_div_scale picks,
 * at least 16 significant digits and at least either operand's scale. It is therefore not
 * always exact: a large dividend gets fewer decimals than the exact quotient has.
 */
export function div(a: Decimal, b: Decimal): Decimal {
  if (b.digits === 0n) throw new Error('division by zero');
  const scale = divScale(a, b);
  // (A / 10^sa) / (B / 10^sb) at `scale` decimals: A × 10^(sb + scale) / (B × 10^sa).
  const n = a.digits * pow10(b.scale + scale);
  return { digits: divRound(n, b.digits * pow10(a.scale)), scale };
}

const NUMERIC_MIN_SIG_DIGITS = 16;
const DEC_DIGITS = 4;
const NUMERIC_MAX_DISPLAY_SCALE = 1000;

/** select_div_scale in src/backend/utils/adt/numeric.c. */
function divScale(a: Decimal, b: Decimal): number {
  const [weight1, first1] = weightAndFirstDigit(a);
  const [weight2, first2] = weightAndFirstDigit(b);
  let qweight = weight1 - weight2;
  if (first1 <= first2) qweight--;
  const scale = Math.max(NUMERIC_MIN_SIG_DIGITS - qweight * DEC_DIGITS, a.scale, b.scale, 0);
  return Math.min(scale, NUMERIC_MAX_DISPLAY_SCALE);
}

/**
 * The weight (power of 10000) of a value's leading base-10000 digit and that digit, as
 * PostgreSQL's NumericVar holds them; (0, 0) for zero.
 */
function weightAndFirstDigit(d: Decimal): [number, bigint] {
  if (d.digits === 0n) return [0, 0n];
  const abs = d.digits < 0n ? -d.digits : d.digits;
  const exponent = abs.toString().length - 1 - d.scale;
  const weight = Math.floor(exponent / DEC_DIGITS);
  const shift = d.scale + DEC_DIGITS * weight;
  return [weight, shift >= 0 ? abs / pow10(shift) : abs * pow10(-shift)];
}
