import { createHash } from 'node:crypto';
import { Aggregator } from 'mingo/aggregator';
import { Context, evalExpr, ProcessingMode } from 'mingo/core';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as mingoOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import type { Any, AnyObject, Options } from 'mingo/types';
import { ObjectId } from 'mongodb';
import { portableHash } from '../../hash/portable-hash.js';
import type { BsonNumber } from './bson-numbers.js';
import * as bson from './bson-numbers.js';

type Operator = (obj: AnyObject, expr: Any, options: Options) => Any;

/**
 * mingo with the operators masq's pipelines rely on made to compute what a MongoDB server
 * computes. Where mingo differs, and why it matters:
 * - `$toHashedIndexKey` returns mingo's 32-bit JavaScript string hash; the server's is an MD5
 *   of the BSON value read as a 64-bit Long (FACTS), which masq's keyed hash is. Here it is
 *   portableHash, for strings only (masq hashes text; anything else throws rather than guess).
 * - mingo has no 64-bit integer: its numbers are doubles, exact only below 2^53, and its
 *   arithmetic refuses BigInt. Here a Long is a BigInt, and `$add`, `$subtract`, `$mod`,
 *   `$divide`, `$toLong` and `$arrayElemAt`'s index follow the server's int/long/double rules
 *   (bson-numbers.ts) whenever every operand is a number; otherwise (dates, null) mingo's own
 *   operator answers.
 * - `$hexHash` (MongoDB 8.3+) is not in mingo: here node:crypto's, uppercase hex as the
 *   server writes it, for strings (UTF-8) and md5 or sha256 (no xxh64 in node:crypto).
 * - `$toString` of an ObjectId is an error in mingo (it converts primitives and dates only);
 *   the manual's $toString table gives "its hexadecimal string": ObjectId("5ab9c3da31c2ab715d421285")
 *   → "5ab9c3da31c2ab715d421285", the driver's toHexString (text-form.ts hashes it).
 * Other operators see no BigInt in masq's pipelines.
 */
const OVERRIDES: Record<string, Operator> = {
  $toHashedIndexKey: (obj, expr, options) => {
    const value = evalExpr(obj, expr, options);
    if (typeof value !== 'string')
      throw new Error(`in-process $toHashedIndexKey hashes strings only, not ${typeof value}`);
    return portableHash(value);
  },
  $hexHash: (obj, expr, options) => {
    const { input, algorithm } = evalExpr(obj, expr, options) as Record<string, Any>;
    if (input === null || input === undefined) return null;
    if (typeof input !== 'string')
      throw new Error(`in-process $hexHash hashes strings only, not ${typeof input}`);
    if (algorithm !== 'sha256' && algorithm !== 'md5')
      throw new Error(`in-process $hexHash has no algorithm ${String(algorithm)}`);
    return createHash(algorithm).update(input, 'utf8').digest('hex').toUpperCase();
  },
  $toString: (obj, expr, options) => {
    const value = evalExpr(obj, expr, options);
    if (value instanceof ObjectId) return value.toHexString();
    return original('$toString')(obj, { $literal: value }, options);
  },
  $add: numeric('$add', (args) => bson.add(args)),
  $subtract: numeric('$subtract', ([a, b]) => bson.subtract(a!, b!)),
  $mod: numeric('$mod', ([a, b]) => bson.mod(a!, b!)),
  $divide: numeric('$divide', ([a, b]) => bson.divide(a!, b!)),
  $toLong: (obj, expr, options) => {
    const value = evalExpr(obj, expr, options);
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' || bson.isBsonNumber(value)) return bson.toLong(value);
    if (typeof value === 'boolean') return value ? 1n : 0n;
    if (value instanceof Date) return BigInt(value.getTime());
    throw new Error(`$toLong cannot convert ${typeof value}`);
  },
  $arrayElemAt: (obj, expr, options) => {
    const [array, index] = evalExpr(obj, expr, options) as [Any, Any];
    const at = typeof index === 'bigint' ? bson.toIndex(index) : index;
    return original('$arrayElemAt')(obj, [{ $literal: array }, { $literal: at }], options);
  },
};

/** An operator over an array of numbers, in bson-numbers.ts's arithmetic when every operand
 *  is one; mingo's own operator otherwise. */
function numeric(name: string, compute: (args: readonly BsonNumber[]) => BsonNumber): Operator {
  return (obj, expr, options) => {
    const args = evalExpr(obj, expr, options) as Any;
    if (Array.isArray(args) && args.length > 0 && args.every(bson.isBsonNumber))
      return compute(args);
    if (Array.isArray(args) && args.some((a) => a === null || a === undefined)) return null;
    const literals = Array.isArray(args) ? args.map((a: Any) => ({ $literal: a })) : args;
    return original(name)(obj, literals, options);
  };
}

function original(name: string): Operator {
  const op = (mingoOps as unknown as Record<string, Operator | undefined>)[name];
  if (!op) throw new Error(`mingo has no operator ${name}`);
  return op;
}

// Built whole rather than through mingo's default Aggregator: merging contexts keeps the
// operator registered first, which would be mingo's own.
const CONTEXT = Context.init({
  accumulator: accumulatorOps,
  expression: { ...mingoOps, ...OVERRIDES },
  pipeline: pipelineOps,
  projection: projectionOps,
  query: queryOps,
  window: windowOps,
});

/**
 * Runs `pipeline` over `documents` in-process, `variables` standing for the aggregate
 * command's `let` (the salt: SALT_VARIABLE). The documents are not modified.
 */
export function aggregateInProcess(
  pipeline: readonly AnyObject[],
  documents: readonly AnyObject[],
  variables: Readonly<Record<string, string>>,
): AnyObject[] {
  return new Aggregator([...pipeline], {
    context: CONTEXT,
    variables: { ...variables },
    processingMode: ProcessingMode.CLONE_INPUT,
  }).run([...documents]);
}
