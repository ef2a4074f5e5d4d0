import type { MongoExpression } from '../../strategies/strategy.js';

/** An aggregation expression (strategy.ts: strategies build them too). */
export type Expression = MongoExpression;

/**
 * A 64-bit integer constant, as `$toLong` of its decimal text. JSON, and the driver, carry a
 * number beyond 32 bits as a double, and one double operand turns `$mod` of a 64-bit hash into
 * floating point (inexact above 2^53); the string converts exactly (MongoDB 4.0+).
 */
export function longConstant(n: bigint): Expression {
  return { $toLong: n.toString() };
}

/** A constant never read as a field path or an operator, nor re-evaluated per document
 *  (an inline array is: FACTS, mingo). */
export function literal(value: Expression): Expression {
  return { $literal: value };
}
