import type { ValueRef } from '../../ast/spec.js';
import type { Span } from '../../diagnostics/span.js';
import { ENV_NAME } from '../env-name.js';

/**
 * `env(NAME)` reads the environment and `file(path)` a file, at run time; anything else is the
 * value itself. A malformed variable name is reported through `bad` and kept as written.
 */
export function toValueRef(text: string, span: Span, bad: (message: string) => void): ValueRef {
  const call = /^(env|file)\((.*)\)$/s.exec(text.trim());
  if (!call) return { kind: 'literal', value: text, span };
  const argument = unquote(call[2]!.trim());
  if (call[1] === 'file') {
    if (argument === '') bad('file(...) needs a path');
    return { kind: 'file', path: argument, span };
  }
  if (!ENV_NAME.test(argument))
    bad(`env(...) needs an environment variable name, got "${argument}"`);
  return { kind: 'env', name: argument, span };
}

/** Whether a string is written as `env(...)` or `file(...)`. */
export function isRefText(text: string): boolean {
  return /^(env|file)\(.*\)$/s.test(text.trim());
}

/** `10%`, `2.5 %` → the number before the percent sign; anything else → undefined. */
export function percentText(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** A fraction as a percentage without binary noise: 0.1 → 10, not 10.000000000000002. */
export function fractionToPercent(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

function unquote(s: string): string {
  return /^(["']).*\1$/s.test(s) ? s.slice(1, -1) : s;
}
