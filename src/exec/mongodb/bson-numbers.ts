/**
 * MongoDB's arithmetic on int, long and double, for the in-process engine, where a long is a
 * BigInt and a JavaScript number is an int when it is integral and fits 32 bits (as the driver
 * serialises it), else a double. Mixed operands widen to the widest type: int < long < double
 * (the server's rule; decimals are not modelled).
 *
 * One difference remains: a double with an integral 32-bit value (the `$divide` of 10 by 2) is
 * taken for an int, so a long combined with it stays an exact long where the server would
 * round through a double. masq's pipelines never combine a long with a double.
 */
export type BsonNumber = number | bigint;

type Kind = 'int' | 'long' | 'double';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

export function isBsonNumber(value: unknown): value is BsonNumber {
  return typeof value === 'bigint' || typeof value === 'number';
}

function kindOf(value: BsonNumber): Kind {
  if (typeof value === 'bigint') return 'long';
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX ? 'int' : 'double';
}

function widest(values: readonly BsonNumber[]): Kind {
  const kinds = values.map(kindOf);
  return kinds.includes('double') ? 'double' : kinds.includes('long') ? 'long' : 'int';
}

/** An integer result in the narrowest type the server gives it: an int that overflows becomes
 *  a long, a long that overflows a double. */
function integer(value: bigint, kind: 'int' | 'long'): BsonNumber {
  if (kind === 'int' && value >= INT32_MIN && value <= INT32_MAX) return Number(value);
  return value < INT64_MIN || value > INT64_MAX ? Number(value) : value;
}

export function add(values: readonly BsonNumber[]): BsonNumber {
  const kind = widest(values);
  if (kind === 'double') return values.reduce<number>((sum, v) => sum + Number(v), 0);
  return integer(
    values.reduce<bigint>((sum, v) => sum + BigInt(v), 0n),
    kind,
  );
}

export function subtract(a: BsonNumber, b: BsonNumber): BsonNumber {
  const kind = widest([a, b]);
  if (kind === 'double') return Number(a) - Number(b);
  return integer(BigInt(a) - BigInt(b), kind);
}

/** The remainder with the dividend's sign (C's % and fmod, like JavaScript's). */
export function mod(a: BsonNumber, b: BsonNumber): BsonNumber {
  if (Number(b) === 0) throw new Error("can't $mod by zero");
  const kind = widest([a, b]);
  if (kind === 'double') return Number(a) % Number(b);
  return integer(BigInt(a) % BigInt(b), kind);
}

/** Always a double: the server converts both operands first. */
export function divide(a: BsonNumber, b: BsonNumber): number {
  if (Number(b) === 0) throw new Error("can't $divide by zero");
  return Number(a) / Number(b);
}

/** `$toLong` of a number or a base-10 string; doubles truncate; out of range fails. */
export function toLong(value: BsonNumber | string): bigint {
  if (typeof value === 'string' && !/^[+-]?\d+$/.test(value))
    throw new Error(`$toLong: "${value}" is not a base-10 integer`);
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error(`$toLong: ${value} has no long value`);
  const long = typeof value === 'number' ? BigInt(Math.trunc(value)) : BigInt(value);
  if (long < INT64_MIN || long > INT64_MAX) throw new Error(`$toLong: ${value} overflows a long`);
  return long;
}

/** An array index as the server takes it: an integral value that fits 32 bits. */
export function toIndex(value: BsonNumber): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < INT32_MIN || n > INT32_MAX)
    throw new Error(`index ${value} is not a 32-bit integer`);
  return n;
}
